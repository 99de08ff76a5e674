package io.exdesk.ticket.service;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.ErasureReason;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketErased;
import io.exdesk.platform.config.PlatformConfig;
import io.exdesk.platform.erasure.CustomerPseudonyms;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.ticket.config.TicketConfig;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.TicketHistory;
import io.exdesk.ticket.domain.TicketMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Retention of closed tickets, a scheduled job in two steps, each counted from the ticket's closing:
 * <ol>
 *   <li>after {@code ticket.retention.contact-data} the ticket loses the customer's contact data (name,
 *   e-mail, phone) and the other services are told to drop their copies of the ticket's customer data
 *   ({@code ticket-erased} with reason {@code RETENTION}); the ticket's record and words stay, for the
 *   record-keeping duty;</li>
 *   <li>after {@code ticket.retention.closed-tickets} it is anonymised as an erasure would erase it (customer
 *   id, subject, description, messages, CSAT comment, transaction id and amount, external reference, and the
 *   outbox's copy of its creation), with {@value #ANONYMISED} for the customer. The row, its classification,
 *   times, SLA and audit trail stay, so the exchange keeps its counts and nobody's personal data.</li>
 * </ol>
 * Open tickets and tickets closed more recently are never selected. Each batch is one transaction that
 * takes its tickets with {@code FOR UPDATE SKIP LOCKED}, so several instances share the work and a ticket
 * being changed waits for the next run. A run records its audit entry ({@link RetentionRun}), counts
 * {@code retention_tickets_total} and logs one line. A run that finds nothing changes nothing.
 *
 * <p>Created at startup: settings that cannot be meant stop the service there ({@link RetentionPolicy}).
 */
@Startup
@Singleton
public class TicketRetention {

    /** The customer id of an anonymised ticket: no pseudonym, since a keyed one still leads back to the person. */
    public static final String ANONYMISED = "anonymised";
    /** The actor of the audit-trail entries retention writes. */
    public static final String ACTOR = "retention";
    private static final Logger LOG = Logger.getLogger(TicketRetention.class);

    private final RetentionPolicy policy;
    private final CustomerPseudonyms pseudonyms;
    private final OutboxWriter outbox;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Counter contactDataErased;
    private final Counter anonymised;

    public TicketRetention(TicketConfig config, PlatformConfig platform, CustomerPseudonyms pseudonyms,
                           OutboxWriter outbox, AgroalDataSource dataSource, Clock clock, MeterRegistry registry) {
        TicketConfig.Retention retention = config.retention();
        this.policy = RetentionPolicy.validated(retention.closedTickets(), retention.contactData(),
                retention.batchSize(), platform.idempotency().retention());
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.clock = clock;
        this.contactDataErased = counter(registry, "contact_data_erased");
        this.anonymised = counter(registry, "anonymised");
    }

    @Scheduled(identity = "ticket-retention", every = "${ticket.retention.every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One run: everything due now, a batch at a time, then the run's audit entry. */
    public RetentionRun run() {
        Instant startedAt = clock.instant();
        Instant contactCutoff = policy.contactCutoff(startedAt);
        Instant ticketCutoff = policy.ticketCutoff(startedAt);
        int contact = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> eraseContactData(contactCutoff));
            contactDataErased.increment(batch);
            contact += batch;
        } while (batch == policy.batchSize());
        int anonymous = 0;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> anonymise(ticketCutoff));
            anonymised.increment(batch);
            anonymous += batch;
        } while (batch == policy.batchSize());
        RetentionRun run = new RetentionRun(UUID.randomUUID(), startedAt, clock.instant(), contactCutoff,
                ticketCutoff, contact, anonymous);
        QuarkusTransaction.requiringNew().run(() -> record(run));
        LOG.infof("Retention run %s: contact data erased from %d ticket(s) closed before %s, %d ticket(s) closed "
                + "before %s anonymised", run.id(), contact, contactCutoff, anonymous, ticketCutoff);
        return run;
    }

    /** The audit entries, newest first, after {@code after} (null: from the newest). */
    public List<RetentionRun> runs(RetentionRunPosition after, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> select(after, limit));
    }

    /** Where a page of the runs ends (started_at DESC, id DESC). */
    public record RetentionRunPosition(Instant startedAt, UUID id) {
    }

    private int eraseContactData(Instant cutoff) {
        List<Ticket> tickets = due("contact_erased_at IS NULL", cutoff);
        if (tickets.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<TicketErased> told = new ArrayList<>(tickets.size());
        for (Ticket t : tickets) {
            String pseudonym = pseudonyms.of(t.customerId);
            t.contactName = null;
            t.contactEmail = null;
            t.contactPhone = null;
            t.contactErasedAt = now;
            t.touch(now);
            TicketHistory.of(t, "CONTACT_DATA_ERASED", ACTOR, null, null, null, now).persist();
            told.add(new TicketErased(t.id, t.version, now, pseudonym, null, ErasureReason.RETENTION));
        }
        CustomerErasures.forgetCustomerMail(tickets.stream().map(t -> t.id).toList());
        outbox.appendAll(told);
        return tickets.size();
    }

    /**
     * Only tickets whose contact data went in an earlier batch: their {@code ticket-erased} told the other
     * services, which hold nothing else personal of a ticket.
     */
    private int anonymise(Instant cutoff) {
        List<Ticket> tickets = due("contact_erased_at IS NOT NULL", cutoff);
        if (tickets.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<UUID> ids = tickets.stream().map(t -> t.id).toList();
        for (Ticket t : tickets) {
            CustomerErasures.eraseTicket(t, ANONYMISED, now);
            TicketHistory.of(t, "ANONYMISED", ACTOR, null, null, null, now).persist();
        }
        TicketMessage.update("body = ?1 where ticketId in ?2", CustomerErasures.ERASED, ids);
        CsatService.eraseComments(tickets); // Idempotency-Key responses are long gone (RetentionPolicy)
        outbox.rewrite(ids.stream().map(UUID::toString).toList(), TicketCreated.class,
                created -> CustomerErasures.erasedCreation(created, ANONYMISED));
        return tickets.size();
    }

    /** A batch of closed tickets closed before the cutoff, not erased yet, locked for this transaction. */
    private List<Ticket> due(String step, Instant cutoff) {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT id FROM ticket
                     WHERE status = 'CLOSED' AND closed_at < ? AND erased_at IS NULL AND %s
                     ORDER BY closed_at, id LIMIT ? FOR UPDATE SKIP LOCKED""".formatted(step))) {
            select.setTimestamp(1, Timestamp.from(cutoff));
            select.setInt(2, policy.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot select the tickets due for retention", e);
        }
        return ids.isEmpty() ? List.of() : Ticket.list("id in ?1", ids);
    }

    private void record(RetentionRun run) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO retention_run (id, started_at, finished_at, contact_cutoff, ticket_cutoff,
                                                contact_data_erased, tickets_anonymised)
                     VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, run.id());
            insert.setTimestamp(2, Timestamp.from(run.startedAt()));
            insert.setTimestamp(3, Timestamp.from(run.finishedAt()));
            insert.setTimestamp(4, Timestamp.from(run.contactCutoff()));
            insert.setTimestamp(5, Timestamp.from(run.ticketCutoff()));
            insert.setInt(6, run.contactDataErased());
            insert.setInt(7, run.ticketsAnonymised());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the retention run", e);
        }
    }

    private List<RetentionRun> select(RetentionRunPosition after, int limit) {
        List<RetentionRun> runs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT id, started_at, finished_at, contact_cutoff, ticket_cutoff, contact_data_erased,
                            tickets_anonymised
                     FROM retention_run
                     WHERE ?::timestamptz IS NULL OR (started_at, id) < (?::timestamptz, ?::uuid)
                     ORDER BY started_at DESC, id DESC LIMIT ?""")) {
            Timestamp at = after == null ? null : Timestamp.from(after.startedAt());
            select.setTimestamp(1, at);
            select.setTimestamp(2, at);
            select.setObject(3, after == null ? null : after.id());
            select.setInt(4, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    runs.add(new RetentionRun(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant(), rs.getInt(6), rs.getInt(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the retention runs", e);
        }
        return runs;
    }

    private static Counter counter(MeterRegistry registry, String action) {
        return Counter.builder("retention.tickets").tag("action", action)
                .description("Closed tickets retention changed: contact data erased, or anonymised")
                .register(registry);
    }
}
