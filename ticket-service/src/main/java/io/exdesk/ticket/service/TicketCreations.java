package io.exdesk.ticket.service;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.concurrent.BackgroundWork;
import io.exdesk.platform.idempotency.IdempotencyKeys;
import io.exdesk.platform.idempotency.IdempotentGroupCommit;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.platform.security.Caller;
import io.exdesk.ticket.config.TicketConfig;
import io.exdesk.ticket.domain.Ticket;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Opening tickets, with group commit: the request's own thread redacts and triages the text, then
 * the creations that arrive while one transaction commits are written together in the next (ticket
 * rows, their first history entries, {@code ticket-created} events in the outbox and
 * Idempotency-Key responses, all in one transaction). A client gets its 201 only after the commit.
 * The platform's {@link IdempotentGroupCommit} runs the batches and the Idempotency-Key protocol;
 * this class says what a batch writes.
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

    /** A request to open a ticket, with its text already redacted and triaged, and how to answer it. */
    record Draft(OpenTicket command, String createdBy, Instant receivedAt, TicketIntake.Result intake,
                 Function<Ticket, Outcome> answer) {
    }

    /** A ticket built for a batch, not written yet, and its response. */
    record Prepared(Ticket ticket, Outcome outcome) {
    }

    private final TicketIntake intake;
    private final OutboxWriter outbox;
    private final TicketMetrics metrics;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final IdempotentGroupCommit<Draft, Prepared> commits;
    private final DistributionSummary batchSizes;

    public TicketCreations(TicketIntake intake, IdempotencyKeys keys, OutboxWriter outbox, TicketMetrics metrics,
                           AgroalDataSource dataSource, Clock clock, MeterRegistry registry, TicketConfig config) {
        this.intake = intake;
        this.outbox = outbox;
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.clock = clock;
        this.commits = IdempotentGroupCommit.of(keys, "ticket-creations", config.creations().maxBatch(),
                config.creations().maxWaiting(), "Too many tickets are waiting to be saved; retry shortly", new Batches());
        registry.gauge("tickets.creations.waiting", commits, IdempotentGroupCommit::waiting);
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
     * Opens a ticket; completes (on the caller's Vert.x context) once it is committed.
     *
     * @param idempotencyKey the header value, or null
     * @param answer the response to a created ticket, stored for the key's retries
     */
    public CompletionStage<Response> open(OpenTicket command, Caller caller, String idempotencyKey,
                                          Function<Ticket, Outcome> answer) {
        return commits.submit(caller.id(), idempotencyKey, command, () -> {
            TicketIntake.Result text = intake.process(command.subject(), command.description(),
                    command.customer().language(), command.category(), command.priority());
            return new Draft(command, caller.id(), clock.instant(), text, answer);
        });
    }

    /** What one batch writes, in its transaction. */
    private final class Batches implements IdempotentGroupCommit.Writer<Draft, Prepared> {

        @Override
        public List<Prepared> prepare(List<Draft> drafts) throws SQLException {
            batchSizes.record(drafts.size());
            try (Connection connection = dataSource.getConnection()) {
                List<Long> numbers = nextTicketNumbers(connection, drafts.size());
                Map<List<Object>, Long> firstResponse = firstResponseSeconds(connection);
                List<Prepared> prepared = new ArrayList<>(drafts.size());
                for (int i = 0; i < drafts.size(); i++) {
                    Draft draft = drafts.get(i);
                    Ticket ticket = ticket(draft, "EXD-" + numbers.get(i), firstResponse);
                    prepared.add(new Prepared(ticket, draft.answer().apply(ticket)));
                }
                return prepared;
            }
        }

        @Override
        public Outcome outcome(Prepared created) {
            return created.outcome();
        }

        @Override
        public void write(List<Prepared> created) throws SQLException {
            List<Ticket> tickets = created.stream().map(Prepared::ticket).toList();
            try (Connection connection = dataSource.getConnection()) {
                insert(connection, tickets);
            }
            outbox.appendAll(tickets.stream().map(TicketCreations::createdEvent).toList());
        }

        @Override
        public void committed(List<Prepared> created) {
            created.forEach(p -> metrics.created(p.ticket()));
        }
    }

    private static Ticket ticket(Draft draft, String number, Map<List<Object>, Long> firstResponse) {
        OpenTicket request = draft.command();
        TicketIntake.Result text = draft.intake();
        Instant now = draft.receivedAt();
        Ticket t = new Ticket();
        t.id = UUID.randomUUID();
        t.number = number;
        t.version = 1;
        t.status = TicketStatus.NEW;
        t.category = text.category();
        t.priority = text.priority();
        t.categoryTriaged = text.categoryChosen();
        t.priorityTriaged = text.priorityChosen();
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

    /** The subject stays here: it is the customer's own words, and no consumer needs it (docs/events.md). */
    private static TicketCreated createdEvent(Ticket t) {
        return new TicketCreated(t.id, t.version, t.createdAt, t.number, t.priority, t.category, t.channel,
                t.customerLanguage, t.customerId, t.customerTier, "", t.secretsRedacted, t.createdAt);
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
