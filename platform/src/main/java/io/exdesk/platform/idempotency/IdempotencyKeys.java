package io.exdesk.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.exdesk.platform.config.PlatformConfig;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code idempotency_key} table and the rules both Idempotency-Key protocols share: which keys
 * are valid, what tells a retry from another request (the request hash), how a key that is taken
 * answers (replay, 422, 409) and how long keys are kept. The protocols themselves are
 * {@link IdempotentRequests} (claim, then complete) and {@link IdempotentGroupCommit} (record the
 * completed response with the change); a service uses one of those, not this.
 */
@Singleton
public class IdempotencyKeys {

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final PlatformConfig.Idempotency config;
    private final Clock clock;

    public IdempotencyKeys(AgroalDataSource dataSource, ObjectMapper mapper, PlatformConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.config = config.idempotency();
        this.clock = clock;
    }

    /** A completed first attempt: its key and request hash, and the response its retries replay. */
    record Completed(String clientId, String key, String requestHash, Outcome outcome) {
    }

    /** What holds a key: a completed response to replay, or (replay null) a claim abandoned long ago. */
    record Taken(Response replay) {
    }

    /** 400 unless the header value is 1 to 255 visible ASCII characters. */
    static void requireValidKey(String key) {
        if (!VALID_KEY.matcher(key).matches()) {
            throw ProblemException.invalid(IdempotentRequests.HEADER, "must be 1 to 255 visible ASCII characters");
        }
    }

    /** 409: another attempt with this key is being processed. */
    static ProblemException inProgress() {
        return ProblemException.conflict("The request with this Idempotency-Key is still in progress");
    }

    /** The SHA-256 of the request body in canonical JSON: what tells a retry from another request. */
    String hash(Object request) {
        try {
            byte[] canonical = mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash the request", e);
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** Inserts an in-flight claim; false when the key already has a row. */
    boolean insertClaim(Connection connection, String clientId, String key, String hash, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO idempotency_key (client_id, idempotency_key, request_hash, state, created_at)
                VALUES (?, ?, ?, 'IN_FLIGHT', ?) ON CONFLICT DO NOTHING""")) {
            insert.setString(1, clientId);
            insert.setString(2, key);
            insert.setString(3, hash);
            insert.setTimestamp(4, Timestamp.from(now));
            return insert.executeUpdate() == 1;
        }
    }

    /** Takes over a claim whose attempt died: it counts as claimed now. */
    void retakeClaim(Connection connection, String clientId, String key, Instant now) throws SQLException {
        try (PreparedStatement retake = connection.prepareStatement(
                "UPDATE idempotency_key SET created_at = ? WHERE client_id = ? AND idempotency_key = ?")) {
            retake.setTimestamp(1, Timestamp.from(now));
            retake.setString(2, clientId);
            retake.setString(3, key);
            retake.executeUpdate();
        }
    }

    /** Turns a claim into a completed key with the response its retries replay. */
    void complete(String clientId, String key, Outcome outcome) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE idempotency_key SET state = 'COMPLETED', response_status = ?, response_body = ?, location = ?
                     WHERE client_id = ? AND idempotency_key = ?""")) {
            update.setInt(1, outcome.status());
            update.setString(2, json(outcome.entity()));
            update.setString(3, outcome.location());
            update.setString(4, clientId);
            update.setString(5, key);
            update.executeUpdate();
        }
    }

    /** Deletes the key's claim (never a completed key), so the client may retry. */
    void release(String clientId, String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM idempotency_key WHERE client_id = ? AND idempotency_key = ? AND state = 'IN_FLIGHT'")) {
            delete.setString(1, clientId);
            delete.setString(2, key);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release an Idempotency-Key", e);
        }
    }

    /**
     * Locks and reads the key's row: null when there is none; 422 when it is for another body, 409
     * while its request is in flight.
     */
    Taken inspect(Connection connection, String clientId, String key, String hash, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT request_hash, state, response_status, response_body, location, created_at
                FROM idempotency_key WHERE client_id = ? AND idempotency_key = ? FOR UPDATE""")) {
            select.setString(1, clientId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (!rs.getString(1).equals(hash)) {
                    throw ProblemException.unprocessable(
                            "This Idempotency-Key was used for a different request; use a new key");
                }
                if ("COMPLETED".equals(rs.getString(2))) {
                    return new Taken(Response.status(rs.getInt(3))
                            .type(MediaType.APPLICATION_JSON)
                            .entity(rs.getString(4))
                            .header(HttpHeaders.LOCATION, rs.getString(5))
                            .header(IdempotentRequests.REPLAYED, "true")
                            .build());
                }
                Instant claimedAt = rs.getTimestamp(6).toInstant();
                if (claimedAt.plus(config.inFlightTimeout()).isAfter(now)) {
                    throw inProgress();
                }
                return new Taken(null);
            }
        }
    }

    /**
     * Stores completed first attempts in the caller's transaction, so they commit (or roll back) with
     * the changes they report. A key held by another attempt is left alone, waiting first if that
     * attempt has not committed yet.
     *
     * @return the attempts whose key was taken: their change must not be applied
     */
    List<Completed> insertCompleted(List<Completed> attempts) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        // In key order, so two instances recording overlapping keys wait for each other in the same
        // order instead of deadlocking.
        List<Completed> ordered = attempts.stream()
                .sorted(Comparator.comparing(Completed::clientId).thenComparing(Completed::key))
                .toList();
        int n = ordered.size();
        String[] clients = new String[n];
        String[] keys = new String[n];
        String[] hashes = new String[n];
        Integer[] statuses = new Integer[n];
        String[] bodies = new String[n];
        String[] locations = new String[n];
        for (int i = 0; i < n; i++) {
            Completed attempt = ordered.get(i);
            clients[i] = attempt.clientId();
            keys[i] = attempt.key();
            hashes[i] = attempt.requestHash();
            statuses[i] = attempt.outcome().status();
            bodies[i] = json(attempt.outcome().entity());
            locations[i] = attempt.outcome().location();
        }
        Set<List<String>> recorded = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO idempotency_key (client_id, idempotency_key, request_hash, state, response_status,
                                                  response_body, location, created_at)
                     SELECT c, k, h, 'COMPLETED', s, b, l, ?
                     FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[]) AS a(c, k, h, s, b, l)
                     ON CONFLICT DO NOTHING
                     RETURNING client_id, idempotency_key""")) {
            insert.setTimestamp(1, Timestamp.from(clock.instant()));
            insert.setArray(2, connection.createArrayOf("text", clients));
            insert.setArray(3, connection.createArrayOf("text", keys));
            insert.setArray(4, connection.createArrayOf("text", hashes));
            insert.setArray(5, connection.createArrayOf("int4", statuses));
            insert.setArray(6, connection.createArrayOf("text", bodies));
            insert.setArray(7, connection.createArrayOf("text", locations));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    recorded.add(List.of(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store Idempotency-Key responses", e);
        }
        return attempts.stream().filter(a -> !recorded.contains(List.of(a.clientId(), a.key()))).toList();
    }

    /**
     * Answers a request whose key {@link #insertCompleted} found taken, in a transaction of its own:
     * the stored response to replay, 422 for another body, 409 while the other attempt is in flight;
     * empty when that attempt is gone (rolled back, or died in flight long ago, whose claim this
     * releases), so the request may be attempted again.
     */
    Optional<Response> answerTaken(String clientId, String key, String hash) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                Taken taken = inspect(connection, clientId, key, hash, clock.instant());
                if (taken == null) {
                    return Optional.<Response>empty();
                }
                if (taken.replay() != null) {
                    return Optional.of(taken.replay());
                }
                release(clientId, key);
                return Optional.<Response>empty();
            }
        });
    }

    /**
     * Erasure: the stored responses of these resources (by {@code Location}) become the given ones, in the
     * caller's transaction, so that a retry replays the resource as it is now and personal data erased
     * from it does not live on in a replay for the rest of the key's retention. The request hash stays,
     * so the retry is still recognised. Looks through every key kept (no index on {@code location}: it
     * would cost every creation, for the rare erasure).
     */
    public void replaceResponses(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE idempotency_key SET response_body = a.body
                     FROM unnest(?::text[], ?::text[]) AS a(location, body)
                     WHERE idempotency_key.location = a.location AND state = 'COMPLETED'""")) {
            update.setArray(1, connection.createArrayOf("text",
                    outcomes.stream().map(Outcome::location).toArray(String[]::new)));
            update.setArray(2, connection.createArrayOf("text",
                    outcomes.stream().map(o -> json(o.entity())).toArray(String[]::new)));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot replace stored Idempotency-Key responses", e);
        }
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private String json(Object entity) {
        try {
            return mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the response", e);
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM idempotency_key WHERE created_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(clock.instant().minus(config.retention())));
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot delete expired Idempotency-Keys", e);
            }
        });
    }
}
