package io.exdesk.ticket.service;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.CustomerErased;
import io.exdesk.events.EmailReply;
import io.exdesk.events.ErasureConfirmed;
import io.exdesk.events.TicketCreated;
import io.exdesk.platform.erasure.CustomerPseudonyms;
import io.exdesk.platform.idempotency.IdempotencyKeys;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.platform.security.Caller;
import io.exdesk.ticket.config.TicketConfig;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.TicketHistory;
import io.exdesk.ticket.domain.TicketMessage;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A customer's right to erasure, as one request: erases the customer's personal data from every ticket
 * and from what ticket-service keeps around them (stored Idempotency-Key responses, the outbox's history),
 * records the request (who, when, which tickets; not what they said), and tells every other service
 * ({@code ticket-erased} per ticket, then {@code customer-erased}), whose {@code erasure-confirmed} events
 * complete the record. A repeated request that finds nothing new is a no-op answered with the record.
 *
 * <p>Created at startup: without the deployment's pseudonym key the service does not start.
 */
@Startup
@Singleton
public class CustomerErasures {

    /** What replaces erased text. */
    public static final String ERASED = "[erased]";
    private static final String SELF = "ticket-service";

    /** What one request did, and the customer's record after it. */
    public record Result(int ticketsErased, ErasureRecord record) {
    }

    private final CustomerPseudonyms pseudonyms;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final List<String> confirmingServices;

    public CustomerErasures(CustomerPseudonyms pseudonyms, OutboxWriter outbox, IdempotencyKeys idempotencyKeys,
                            AgroalDataSource dataSource, Clock clock, TicketConfig config) {
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.dataSource = dataSource;
        this.clock = clock;
        this.confirmingServices = List.copyOf(config.erasure().services());
    }

    /**
     * Erases every ticket of the customer not erased yet: contact details, subject, description, message
     * bodies, the CSAT comment, the transaction id and amount and the external reference go; the customer id
     * becomes the pseudonym; the audit trail gains an {@code ERASED} entry and keeps its rows (they hold no
     * personal values). Requests of one customer run one at a time.
     *
     * @param creationResponse the response a retry of a ticket's creation replays, from the erased ticket
     */
    @Transactional
    public Result erase(String customerId, Caller caller, Function<Ticket, Outcome> creationResponse) {
        String pseudonym = pseudonyms.of(customerId);
        lockCustomer(pseudonym);
        List<Ticket> tickets = Ticket.<Ticket>find("customerId = ?1 and erasedAt is null order by createdAt, id",
                customerId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (tickets.isEmpty() && !requests(pseudonym).isEmpty()) {
            return new Result(0, record(pseudonym));
        }
        Instant now = clock.instant();
        UUID erasureId = UUID.randomUUID();
        Map<UUID, Long> erasedVersions = new LinkedHashMap<>();
        for (Ticket t : tickets) {
            eraseTicket(t, pseudonym, now);
            TicketMessage.update("body = ?1 where ticketId = ?2", ERASED, t.id);
            TicketHistory.of(t, "ERASED", caller.id(), null, null, null, now).persist();
            erasedVersions.put(t.id, t.version);
        }
        insertRequest(erasureId, pseudonym, caller.id(), now, List.copyOf(erasedVersions.keySet()));
        idempotencyKeys.replaceResponses(tickets.stream().map(creationResponse).toList());
        idempotencyKeys.replaceResponses(CsatService.eraseComments(tickets));
        forgetCustomerMail(erasedVersions.keySet());
        List<String> keys = tickets.stream().map(t -> t.id.toString()).toList();
        outbox.rewrite(keys, TicketCreated.class, created -> erasedCreation(created, pseudonym));
        outbox.rewrite(keys, EmailReply.class, reply -> erasedReply(reply, pseudonym));
        outbox.appendAll(CustomerErased.announce(pseudonym, erasureId, erasedVersions, now));
        return new Result(tickets.size(), record(pseudonym));
    }

    /** The customer's erasure record, if they were ever erased. */
    @Transactional
    public Optional<ErasureRecord> find(String customerId) {
        String pseudonym = pseudonyms.of(customerId);
        return requests(pseudonym).isEmpty() ? Optional.empty() : Optional.of(record(pseudonym));
    }

    /** Records another service's confirmation; one that names no request of this deployment is ignored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirmed(ErasureConfirmed confirmation) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO erasure_confirmation (erasure_id, service, ticket_id, confirmed_at)
                     SELECT id, ?, ?::uuid, ? FROM customer_erasure
                     WHERE id = ? AND customer_pseudonym = ? AND (?::uuid IS NULL OR ?::uuid = ANY(ticket_ids))
                     ON CONFLICT DO NOTHING""")) {
            insert.setString(1, confirmation.service());
            insert.setObject(2, confirmation.ticketId());
            insert.setTimestamp(3, Timestamp.from(confirmation.occurredAt()));
            insert.setObject(4, confirmation.erasureId());
            insert.setString(5, confirmation.customerId());
            insert.setObject(6, confirmation.ticketId());
            insert.setObject(7, confirmation.ticketId());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record an erasure confirmation", e);
        }
    }

    /** Erases the ticket's personal data; its customer id becomes {@code customerReplacement}. Retention reuses it. */
    static void eraseTicket(Ticket t, String customerReplacement, Instant now) {
        t.customerId = customerReplacement;
        t.contactName = null;
        t.contactEmail = null;
        t.contactPhone = null;
        t.subject = ERASED;
        t.description = ERASED;
        // Asset and network say which chain, not whose; the transaction and its amount find the customer on it.
        t.cryptoTxId = null;
        t.cryptoAmount = null;
        t.externalReference = null;
        t.erasedAt = now;
        t.touch(now);
    }

    /**
     * Forgets the Message-IDs of the customer's own mails to these tickets: a mail client may build one from the
     * sender's address, and they only served to thread ExDesk's answer and to recognise a mail read twice, neither
     * of which outlives the customer's contact data. ExDesk's own Message-IDs ({@code OUT}) name nobody and stay, so
     * an answer to an old reply still finds its ticket. Retention reuses it.
     */
    static void forgetCustomerMail(java.util.Collection<UUID> ticketIds) {
        if (!ticketIds.isEmpty()) {
            Ticket.getEntityManager().createNativeQuery("DELETE FROM mail_message WHERE direction = 'IN' AND ticket_id IN (?1)")
                    .setParameter(1, List.copyOf(ticketIds)).executeUpdate();
        }
    }

    /**
     * The outbox's copy of an answer owed by e-mail, without the address, the words or the thread: one still
     * unpublished is then undeliverable (notification-service records it dead), which is what erasure asks.
     */
    static EmailReply erasedReply(EmailReply r, String pseudonym) {
        return new EmailReply(r.ticketId(), r.version(), r.occurredAt(), r.ticketNumber(), r.messageId(), pseudonym,
                r.language(), "", ERASED, ERASED, null, List.of());
    }

    /** The outbox's copy of a ticket's creation, as the erased ticket would have published it. */
    static TicketCreated erasedCreation(TicketCreated c, String pseudonym) {
        return new TicketCreated(c.ticketId(), c.version(), c.occurredAt(), c.ticketNumber(), c.priority(),
                c.category(), c.channel(), c.language(), pseudonym, c.customerTier(), "", c.secretsRedacted(),
                c.createdAt());
    }

    /** Two requests for one customer would both find no record and both record an erasure: one waits. */
    private void lockCustomer(String pseudonym) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(
                     "SELECT pg_advisory_xact_lock(hashtextextended('customer-erasure:' || ?, 0))")) {
            lock.setString(1, pseudonym);
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock the customer's erasure", e);
        }
    }

    private record StoredRequest(UUID id, String requestedBy, Instant requestedAt, List<UUID> tickets) {
    }

    private record Confirmation(String service, UUID ticketId, Instant at) {
    }

    private void insertRequest(UUID id, String pseudonym, String requestedBy, Instant at, List<UUID> tickets) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO customer_erasure (id, customer_pseudonym, requested_by, requested_at, ticket_ids)
                     VALUES (?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, pseudonym);
            insert.setString(3, requestedBy);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setArray(5, connection.createArrayOf("uuid", tickets.toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the erasure", e);
        }
    }

    private List<StoredRequest> requests(String pseudonym) {
        List<StoredRequest> requests = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT id, requested_by, requested_at, ticket_ids FROM customer_erasure
                     WHERE customer_pseudonym = ? ORDER BY requested_at, id""")) {
            select.setString(1, pseudonym);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Array tickets = rs.getArray(4);
                    requests.add(new StoredRequest(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), Arrays.asList((UUID[]) tickets.getArray())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the erasure record", e);
        }
        return requests;
    }

    private Map<UUID, List<Confirmation>> confirmations(List<StoredRequest> requests) {
        Map<UUID, List<Confirmation>> byRequest = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT erasure_id, service, ticket_id, confirmed_at FROM erasure_confirmation
                     WHERE erasure_id = ANY(?)""")) {
            select.setArray(1, connection.createArrayOf("uuid", requests.stream().map(StoredRequest::id).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byRequest.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new Confirmation(rs.getString(2), rs.getObject(3, UUID.class),
                                    rs.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the erasure confirmations", e);
        }
        return byRequest;
    }

    private ErasureRecord record(String pseudonym) {
        List<StoredRequest> stored = requests(pseudonym);
        Map<UUID, List<Confirmation>> confirmations = confirmations(stored);
        List<ErasureRecord.Request> requests = new ArrayList<>();
        for (StoredRequest request : stored) {
            List<ErasureRecord.ServiceProgress> services = new ArrayList<>();
            // ticket-service erased its part in the request's own transaction.
            services.add(new ErasureRecord.ServiceProgress(SELF, true, request.tickets().size(), request.requestedAt(),
                    true));
            List<Confirmation> received = confirmations.getOrDefault(request.id(), List.of());
            for (String service : confirmingServices) {
                List<Confirmation> own = received.stream().filter(c -> c.service().equals(service)).toList();
                boolean customer = own.stream().anyMatch(c -> c.ticketId() == null);
                int tickets = (int) own.stream().filter(c -> c.ticketId() != null).count();
                Instant last = own.stream().map(Confirmation::at).max(Instant::compareTo).orElse(null);
                services.add(new ErasureRecord.ServiceProgress(service, customer, tickets, last,
                        customer && tickets == request.tickets().size()));
            }
            requests.add(new ErasureRecord.Request(request.id(), request.requestedBy(), request.requestedAt(),
                    request.tickets(), services, services.stream().allMatch(ErasureRecord.ServiceProgress::complete)));
        }
        return new ErasureRecord(pseudonym, requests, requests.stream().allMatch(ErasureRecord.Request::complete));
    }
}
