package io.exdesk.platform.idempotency;

import io.exdesk.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for a creating POST that runs in a transaction of its own, after the IETF
 * httpapi draft: the claim-then-complete protocol (routing-service's agent creation uses it).
 *
 * <p>The first request with a key claims it in a short transaction of its own, so a concurrent
 * retry sees the claim and gets 409 instead of creating a second resource. The action and the
 * stored response then commit together: a client that got a response can replay it, and a
 * failure releases the claim so the client may retry. Same key with a different body is 422.
 * A claim whose request died mid-way (process crash) is taken over after
 * {@code exdesk.idempotency.in-flight-timeout}; completed keys are kept for
 * {@code exdesk.idempotency.retention}.
 *
 * <p>Creations written many to a transaction (group commit) cannot hold a claim each: they use the
 * other protocol, {@link IdempotentGroupCommit}, which stores each response with its change and no
 * claim at all. Both protocols share the table and its rules ({@link IdempotencyKeys}), so a key
 * answers the same way whichever wrote it.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** Set on a response that replays the stored first response. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotencyKeys keys;

    public IdempotentRequests(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** A response to store and return: status, Location (may be null) and the JSON entity. */
    public record Outcome(int status, String location, Object entity) {

        /** The response of a first attempt. */
        public Response toResponse() {
            Response.ResponseBuilder response = Response.status(status).entity(entity);
            if (location != null) {
                response.header(HttpHeaders.LOCATION, location);
            }
            return response.build();
        }
    }

    /**
     * Runs {@code action} once per (client, key, request); retries get the stored first response.
     *
     * @param key the header value; null runs the action without idempotency
     * @param request the parsed request body, hashed in canonical JSON form
     * @param action creates the resource; it runs in a transaction that also stores the outcome
     */
    public Response execute(String clientId, String key, Object request, Supplier<Outcome> action) {
        if (key == null) {
            return QuarkusTransaction.requiringNew().call(() -> action.get().toResponse());
        }
        requireValidKey(key);
        String hash = hash(request);
        Response replay = QuarkusTransaction.requiringNew().call(() -> claim(clientId, key, hash));
        if (replay != null) {
            return replay;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Outcome outcome = action.get();
                keys.complete(clientId, key, outcome);
                return outcome.toResponse();
            });
        } catch (RuntimeException failure) {
            QuarkusTransaction.requiringNew().run(() -> keys.release(clientId, key));
            throw failure;
        }
    }

    /** 400 unless the header value is 1 to 255 visible ASCII characters. */
    public static void requireValidKey(String key) {
        IdempotencyKeys.requireValidKey(key);
    }

    /** 409: another attempt with this key is being processed. */
    public static ProblemException inProgress() {
        return IdempotencyKeys.inProgress();
    }

    /** The SHA-256 of the request body in canonical JSON: what tells a retry from another request. */
    public String hash(Object request) {
        return keys.hash(request);
    }

    /** Claims the key, or returns the stored response to replay; 409/422 per the draft. */
    private Response claim(String clientId, String key, String hash) throws SQLException {
        Instant now = keys.now();
        try (Connection connection = keys.connection()) {
            if (keys.insertClaim(connection, clientId, key, hash, now)) {
                return null;
            }
            IdempotencyKeys.Taken taken = keys.inspect(connection, clientId, key, hash, now);
            if (taken == null) {
                throw inProgress();
            }
            if (taken.replay() != null) {
                return taken.replay();
            }
            // The first attempt died without completing or releasing: take the claim over.
            keys.retakeClaim(connection, clientId, key, now);
            return null;
        }
    }
}
