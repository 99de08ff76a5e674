package io.exdesk.ticket.service;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.concurrent.BackgroundWork;
import io.exdesk.platform.concurrent.GroupCommit;
import io.exdesk.platform.idempotency.IdempotentRequests;
import io.exdesk.platform.idempotency.IdempotentRequests.FirstAttempt;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Caller;
import io.exdesk.ticket.Ticket;
import io.exdesk.ticket.rest.CreateTicketRequest;
import io.exdesk.ticket.rest.TicketView;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opening tickets, with group commit: the request's own thread redacts and triages the text, then
 * the creations that arrive while one transaction commits are written together in the next (ticket
 * rows, their first history entries, {@code ticket-created} events in the outbox and
 * Idempotency-Key responses, all in one transaction). A client gets its 201 only after the commit.
 *
 * <p>Idempotency-Key: a key's response is stored in the transaction that creates its ticket, so no
 * claim is held in between and a crash leaves nothing behind. A retry while the first attempt is
 * still in this instance is 409; a key another instance holds makes this transaction wait for it,
 * and the retry then replays its response.
 */
@Singleton
public class TicketCreations implements BackgroundWork {

    private static final String INSERT_TICKET = """
            INSERT INTO ticket (id, number, version, status, priority, category, channel, customer_id, customer_tier,
                                customer_language, contact_name, contact_email, contact_phone, subject, description,
                                crypto_asset, crypto_network, crypto_tx_id, crypto_amount, external_reference,
                                created_by, category_triaged, priority_triaged, secrets_redacted,
                                expected_first_response_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_HISTORY = """
            INSERT INTO ticket_history (ticket_id, version, action, actor, at) VALUES (?, ?, 'CREATED', ?, ?)""";
    /** Enough to amortise a commit; small enough that a batch stays a few milliseconds. */
    private static final int MAX_BATCH = 256;
    /** Beyond this many creations waiting for a commit, new ones are refused with 503. */
    private static final int MAX_WAITING = 10_000;

    /** A request to open a ticket, with its text already redacted and triaged. */
    record Draft(CreateTicketRequest request, String createdBy, Instant receivedAt, TicketIntake.Result intake,
                 String idempotencyKey, String requestHash) {
    }

    private final TicketIntake intake;
    private final IdempotentRequests idempotency;
    private final OutboxWriter outbox;
    private final TicketMetrics metrics;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final GroupCommit<Draft, Optional<Outcome>> commits;
    private final DistributionSummary batchSizes;
    /** Keys of this instance's creations not answered yet: a retry meanwhile is 409. */
    private final Set<String> keysInFlight = ConcurrentHashMap.newKeySet();

    public TicketCreations(TicketIntake intake, IdempotentRequests idempotency, OutboxWriter outbox,
                           TicketMetrics metrics, AgroalDataSource dataSource, Clock clock, MeterRegistry registry) {
        this.intake = intake;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.clock = clock;
        this.commits = GroupCommit.of("ticket-creations", MAX_BATCH, MAX_WAITING, this::commit);
        registry.gauge("tickets.creations.waiting", commits, GroupCommit::waiting);
        this.batchSizes = DistributionSummary.builder("tickets.creations.batch")
                .description("Ticket creations per transaction (group commit)")
                .register(registry);
    }

    @Override
    public void start() {
        commits.start();
    }

    /** Stops taking creations and commits those already queued. */
    @Override
    public void stop() {
        commits.stop();
    }

    /**
     * Opens a ticket; completes on the caller's Vert.x context once it is committed.
     *
     * @param idempotencyKey the header value, or null
     */
    public CompletionStage<Response> create(CreateTicketRequest request, Caller caller, String idempotencyKey) {
        String hash = null;
        if (idempotencyKey != null) {
            IdempotentRequests.requireValidKey(idempotencyKey);
            hash = idempotency.hash(request);
        }
        TicketIntake.Result text = intake.process(request.subject(), request.description(),
                request.customer().language(), request.category(), request.priority());
        Draft draft = new Draft(request, caller.id(), clock.instant(), text, idempotencyKey, hash);
        Context context = Vertx.currentContext();
        if (idempotencyKey == null) {
            return onContext(context, attempt(draft, true));
        }
        String inFlight = caller.id() + '\n' + idempotencyKey;
        if (!keysInFlight.add(inFlight)) {
            throw IdempotentRequests.inProgress();
        }
        CompletionStage<Response> answer = attempt(draft, true).whenComplete((r, e) -> keysInFlight.remove(inFlight));
        return onContext(context, answer);
    }

    /** Submits the draft to the next batch. */
    private CompletionStage<Response> attempt(Draft draft, boolean mayRetry) {
        CompletionStage<Optional<Outcome>> committed;
        try {
            committed = commits.submit(draft);
        } catch (RejectedExecutionException e) {
            throw ProblemException.unavailable("Too many tickets are waiting to be saved; retry shortly",
                    Duration.ofSeconds(1));
        }
        return committed.thenCompose(outcome -> outcome.isPresent()
                ? CompletableFuture.completedFuture(outcome.get().toResponse())
                : answerTaken(draft, mayRetry));
    }

    /**
     * Answers a draft whose key its batch found taken, from the key's record; on a worker thread,
     * since reading it may wait for a row lock.
     */
    private CompletionStage<Response> answerTaken(Draft draft, boolean mayRetry) {
        return CompletableFuture.supplyAsync(
                () -> idempotency.answerTaken(draft.createdBy(), draft.idempotencyKey(), draft.requestHash()),
                Infrastructure.getDefaultWorkerPool()
        ).thenCompose(answer -> {
            if (answer.isPresent()) {
                return CompletableFuture.completedFuture(answer.get());
            }
            // The attempt that held the key is gone (rolled back, or abandoned): this one may go ahead.
            return mayRetry ? attempt(draft, false) : CompletableFuture.failedFuture(IdempotentRequests.inProgress());
        });
    }

    /** The commit thread completes the batch; the response goes on on the request's own event loop. */
    private static <T> CompletionStage<T> onContext(Context context, CompletionStage<T> stage) {
        if (context == null) {
            return stage;
        }
        CompletableFuture<T> resumed = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> context.runOnContext(ignored -> {
            if (failure != null) {
                resumed.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                resumed.complete(value);
            }
        }));
        return resumed;
    }

    /** One batch, one transaction: each draft's outcome, or empty when its key was taken. */
    List<Optional<Outcome>> commit(List<Draft> drafts) {
        batchSizes.record(drafts.size());
        List<Ticket> created = new ArrayList<>(drafts.size());
        List<Optional<Outcome>> outcomes = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                List<Long> numbers = nextTicketNumbers(connection, drafts.size());
                Map<List<Object>, Long> firstResponse = firstResponseSeconds(connection);
                List<Ticket> tickets = new ArrayList<>(drafts.size());
                List<Outcome> built = new ArrayList<>(drafts.size());
                List<FirstAttempt> attempts = new ArrayList<>();
                for (int i = 0; i < drafts.size(); i++) {
                    Draft draft = drafts.get(i);
                    Ticket ticket = ticket(draft, "EXD-" + numbers.get(i), firstResponse);
                    tickets.add(ticket);
                    // A ticket this new has no SLA clocks yet: no need to look them up.
                    Outcome outcome = new Outcome(201, "/api/v1/tickets/" + ticket.id, TicketView.of(ticket, List.of()));
                    built.add(outcome);
                    if (draft.idempotencyKey() != null) {
                        attempts.add(new FirstAttempt(draft.createdBy(), draft.idempotencyKey(), draft.requestHash(),
                                outcome));
                    }
                }
                Set<Outcome> taken = Collections.newSetFromMap(new IdentityHashMap<>());
                idempotency.recordFirstAttempts(attempts).forEach(a -> taken.add(a.outcome()));
                List<Optional<Outcome>> result = new ArrayList<>(drafts.size());
                for (int i = 0; i < drafts.size(); i++) {
                    if (taken.contains(built.get(i))) {
                        result.add(Optional.empty());
                    } else {
                        result.add(Optional.of(built.get(i)));
                        created.add(tickets.get(i));
                    }
                }
                insert(connection, created);
                outbox.appendAll(created.stream().map(TicketCreations::createdEvent).toList());
                return result;
            }
        });
        created.forEach(metrics::created);
        return outcomes;
    }

    private static Ticket ticket(Draft draft, String number, Map<List<Object>, Long> firstResponse) {
        CreateTicketRequest request = draft.request();
        TicketIntake.Result text = draft.intake();
        Instant now = draft.receivedAt();
        Ticket t = new Ticket();
        t.id = UUID.randomUUID();
        t.number = number;
        t.version = 1;
        t.status = TicketStatus.NEW;
        t.category = text.category();
        t.priority = text.priority();
        t.categoryTriaged = request.category() == null;
        t.priorityTriaged = request.priority() == null;
        t.secretsRedacted = text.secretsRedacted();
        t.channel = request.channel();
        t.customerId = request.customer().id();
        t.customerTier = request.customer().tier();
        t.customerLanguage = request.customer().language();
        if (request.customer().contact() != null) {
            t.contactName = request.customer().contact().name();
            t.contactEmail = request.customer().contact().email();
            t.contactPhone = request.customer().contact().phone();
        }
        t.subject = text.subject();
        t.description = text.description();
        if (request.crypto() != null) {
            t.cryptoAsset = request.crypto().asset();
            t.cryptoNetwork = request.crypto().network();
            t.cryptoTxId = request.crypto().txId();
            t.cryptoAmount = request.crypto().amount();
        }
        t.externalReference = request.externalReference();
        t.createdBy = draft.createdBy();
        t.createdAt = now;
        t.updatedAt = now;
        Long seconds = firstResponse.get(List.of(t.priority, t.customerTier));
        t.expectedFirstResponseAt = seconds == null ? null : now.plusSeconds(seconds);
        return t;
    }

    private static TicketCreated createdEvent(Ticket t) {
        return new TicketCreated(t.id, t.version, t.createdAt, t.number, t.priority, t.category, t.channel,
                t.customerLanguage, t.customerId, t.customerTier, t.subject, t.secretsRedacted, t.createdAt);
    }

    private static List<Long> nextTicketNumbers(Connection connection, int count) throws SQLException {
        List<Long> numbers = new ArrayList<>(count);
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT nextval('ticket_number_seq') FROM generate_series(1, ?)")) {
            next.setInt(1, count);
            try (ResultSet rs = next.executeQuery()) {
                while (rs.next()) {
                    numbers.add(rs.getLong(1));
                }
            }
        }
        return numbers;
    }

    /** The {@code sla-policies} read model, (priority, tier) to first-response seconds: eight rows. */
    private static Map<List<Object>, Long> firstResponseSeconds(Connection connection) throws SQLException {
        Map<List<Object>, Long> seconds = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT priority, customer_tier, first_response_seconds FROM sla_policy_view");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                seconds.put(List.of(Priority.valueOf(rs.getString(1)), CustomerTier.valueOf(rs.getString(2))),
                        rs.getLong(3));
            }
        }
        return seconds;
    }

    /** The ticket rows and their first history entries, each table in one batched statement. */
    private static void insert(Connection connection, List<Ticket> tickets) throws SQLException {
        if (tickets.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TICKET)) {
            for (Ticket t : tickets) {
                int i = 0;
                insert.setObject(++i, t.id);
                insert.setString(++i, t.number);
                insert.setLong(++i, t.version);
                insert.setString(++i, t.status.name());
                insert.setString(++i, t.priority.name());
                insert.setString(++i, t.category.name());
                insert.setString(++i, t.channel.name());
                insert.setString(++i, t.customerId);
                insert.setString(++i, t.customerTier.name());
                insert.setString(++i, t.customerLanguage);
                insert.setString(++i, t.contactName);
                insert.setString(++i, t.contactEmail);
                insert.setString(++i, t.contactPhone);
                insert.setString(++i, t.subject);
                insert.setString(++i, t.description);
                insert.setString(++i, t.cryptoAsset);
                insert.setString(++i, t.cryptoNetwork);
                insert.setString(++i, t.cryptoTxId);
                insert.setBigDecimal(++i, t.cryptoAmount);
                insert.setString(++i, t.externalReference);
                insert.setString(++i, t.createdBy);
                insert.setBoolean(++i, t.categoryTriaged);
                insert.setBoolean(++i, t.priorityTriaged);
                insert.setBoolean(++i, t.secretsRedacted);
                insert.setTimestamp(++i, t.expectedFirstResponseAt == null ? null
                        : Timestamp.from(t.expectedFirstResponseAt));
                insert.setTimestamp(++i, Timestamp.from(t.createdAt));
                insert.setTimestamp(++i, Timestamp.from(t.updatedAt));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement history = connection.prepareStatement(INSERT_HISTORY)) {
            for (Ticket t : tickets) {
                history.setObject(1, t.id);
                history.setLong(2, t.version);
                history.setString(3, t.createdBy);
                history.setTimestamp(4, Timestamp.from(t.createdAt));
                history.addBatch();
            }
            history.executeBatch();
        }
    }
}
