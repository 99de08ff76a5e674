package io.exdesk.ticket.service;

import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.erasure.CustomerPseudonyms;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.exdesk.ticket.config.TicketConfig;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.mail.DropReason;
import io.exdesk.ticket.domain.mail.InboundMail;
import io.exdesk.ticket.domain.mail.MailFilter;
import io.exdesk.ticket.domain.mail.MailText;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * E-mail intake's use case: a mail from the support mailbox becomes a ticket of channel {@code EMAIL}, or a
 * customer reply on the ticket it answers, through the API's own paths ({@link TicketCreations},
 * {@link TicketService#customerReply}), so redaction, triage and events are exactly the API's.
 *
 * <p>Each mail is done once, whoever reads it and however often: a new ticket's creation is keyed by the
 * Message-ID (the Idempotency-Key protocol of the API, so a second reader waits for the first one's commit
 * and gets its ticket), and every mail's Message-ID is claimed in {@code mail_message} (for a reply, in the
 * reply's own transaction). The poller flags a mail seen only after this returns.
 */
@Singleton
public class MailIntake {

    /** The actor of mail intake's changes: the author of customer replies and the creator of its tickets. */
    public static final String ACTOR = "mail-intake";
    /** Internal only: sees every ticket, as it must to thread a reply to a ticket the platform opened. */
    private static final Caller CALLER = new Caller(ACTOR, Set.of(Roles.ADMIN));
    private static final int MAX_SUBJECT = 200;
    private static final int MAX_DESCRIPTION = 20_000;

    private final TicketCreations creations;
    private final TicketService tickets;
    private final CustomerPseudonyms pseudonyms;
    private final MailIntakeMetrics metrics;
    private final MailFilter filter;
    /** Mails being taken in this instance, by Message-ID: a second reader here waits for the first. */
    private final ConcurrentHashMap<String, Object> inProgress = new ConcurrentHashMap<>();
    private final EntityManager em;
    private final Clock clock;

    public MailIntake(TicketCreations creations, TicketService tickets, CustomerPseudonyms pseudonyms,
                      MailIntakeMetrics metrics, TicketConfig config, EntityManager em, Clock clock) {
        this.creations = creations;
        this.tickets = tickets;
        this.pseudonyms = pseudonyms;
        this.metrics = metrics;
        this.em = em;
        this.clock = clock;
        TicketConfig.MailIntake mail = config.mailIntake();
        Set<String> own = new LinkedHashSet<>();
        mail.address().or(mail::user).ifPresent(own::add);
        mail.ownAddresses().ifPresent(own::addAll);
        this.filter = new MailFilter(own);
    }

    /** What became of a mail; every outcome lets the poller flag it seen. */
    public record Result(MailIntakeMetrics.Outcome outcome, DropReason dropped, UUID ticketId) {
    }

    /**
     * Takes one mail: drops it, threads it, or opens a ticket. Throws when it could not be saved, and then
     * nothing was: the mail stays unseen for the next poll.
     */
    public Result receive(InboundMail mail) {
        metrics.received();
        Optional<DropReason> drop = filter.dropReason(mail);
        if (drop.isPresent()) {
            metrics.dropped(drop.get());
            return new Result(null, drop.get(), null);
        }
        // Another instance reading the same mail is held off by the database (the claim, the Idempotency-Key);
        // one in this instance would meet the key's in-flight guard (a 409), so it waits here instead.
        Object lock = inProgress.computeIfAbsent(mail.messageId(), id -> new Object());
        try {
            synchronized (lock) {
                return take(mail);
            }
        } finally {
            inProgress.remove(mail.messageId(), lock);
        }
    }

    private Result take(InboundMail mail) {
        UUID seen = claimedTicket(mail.messageId());
        if (seen != null) {
            return done(MailIntakeMetrics.Outcome.DUPLICATE, seen);
        }
        Ticket answered = answeredTicket(mail);
        if (answered != null) {
            UUID threaded = QuarkusTransaction.requiringNew().call(() -> {
                if (!claim(mail.messageId(), answered.id)) {
                    return null;
                }
                tickets.customerReply(answered.id, MailText.withoutQuotedHistory(mail.text()), CALLER);
                return answered.id;
            });
            return threaded == null ? done(MailIntakeMetrics.Outcome.DUPLICATE, answered.id)
                    : done(MailIntakeMetrics.Outcome.THREADED, threaded);
        }
        return open(mail);
    }

    private Result open(InboundMail mail) {
        String subject = truncate(mail.subject().isBlank() ? "(no subject)" : mail.subject().strip(), MAX_SUBJECT);
        String description = truncate(mail.text().isBlank() ? "(empty message)" : mail.text().strip(), MAX_DESCRIPTION);
        String address = MailFilter.normalise(mail.from());
        OpenTicket command = new OpenTicket(
                new OpenTicket.Customer(customerId(address), CustomerTier.STANDARD,
                        MailText.language(mail.subject(), mail.text()),
                        new OpenTicket.Contact(mail.fromName() == null ? null : truncate(mail.fromName(), 200),
                                address, null)),
                Channel.EMAIL, subject, description, null, null, null, null);
        Response response;
        try {
            response = creations.open(command, CALLER, idempotencyKey(mail.messageId()),
                            ticket -> new Outcome(201, "/api/v1/tickets/" + ticket.id,
                                    Map.of("id", ticket.id, "number", ticket.number)))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the ticket was saved", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the mail's ticket was not saved", e);
        }
        String location = response.getHeaderString("Location");
        UUID ticketId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        boolean replayed = response.getHeaderString("Idempotent-Replayed") != null;
        // After a crash between the ticket's commit and this, the mail is read again and the key replays the ticket.
        QuarkusTransaction.requiringNew().run(() -> claim(mail.messageId(), ticketId));
        return done(replayed ? MailIntakeMetrics.Outcome.DUPLICATE : MailIntakeMetrics.Outcome.TICKETED, ticketId);
    }

    /**
     * The open ticket this mail answers: one its subject names ({@code [#EXD-…]}) or one a mail it references
     * belongs to, and only if the sender is that ticket's customer, so nobody adds to another's ticket by
     * writing its number. A closed or erased ticket is answered by a new one.
     */
    private Ticket answeredTicket(InboundMail mail) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Ticket ticket = MailText.ticketReference(mail.subject()).map(MailIntake::ticketByReference).orElse(null);
            if (ticket == null && !mail.references().isEmpty()) {
                List<?> ids = em.createNativeQuery("""
                                SELECT ticket_id FROM mail_message WHERE message_id IN (?1)
                                ORDER BY created_at DESC LIMIT 1""")
                        .setParameter(1, mail.references()).getResultList();
                ticket = ids.isEmpty() ? null : Ticket.findById(ids.get(0));
            }
            if (ticket == null || ticket.status == TicketStatus.CLOSED || ticket.erasedAt != null
                    || ticket.contactEmail == null
                    || !MailFilter.normalise(ticket.contactEmail).equals(MailFilter.normalise(mail.from()))) {
                return null;
            }
            return ticket;
        });
    }

    private static Ticket ticketByReference(String reference) {
        if (reference.startsWith("EXD-")) {
            return Ticket.find("number", reference).firstResult();
        }
        return Ticket.findById(UUID.fromString(reference));
    }

    private UUID claimedTicket(String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("SELECT ticket_id FROM mail_message WHERE message_id = ?1")
                    .setParameter(1, messageId).getResultList();
            return rows.isEmpty() ? null : (UUID) rows.get(0);
        });
    }

    /** Claims the mail for the ticket; false when it was claimed before (by this or another instance). */
    private boolean claim(String messageId, UUID ticketId) {
        return em.createNativeQuery("""
                        INSERT INTO mail_message (message_id, ticket_id, direction, created_at)
                        VALUES (?1, ?2, 'IN', ?3) ON CONFLICT (message_id) DO NOTHING""")
                .setParameter(1, messageId)
                .setParameter(2, ticketId)
                .setParameter(3, Timestamp.from(clock.instant()))
                .executeUpdate() == 1;
    }

    private Result done(MailIntakeMetrics.Outcome outcome, UUID ticketId) {
        metrics.outcome(outcome);
        return new Result(outcome, null, ticketId);
    }

    /**
     * The customer id of a sender the exchange did not name: {@code mail:} and a keyed pseudonym of the
     * address (the deployment's pseudonym key), stable per address, so one sender's tickets share a customer
     * and an erasure request for that id finds them all, without the address itself in the id, its events or
     * its metrics.
     */
    String customerId(String address) {
        return "mail:" + pseudonyms.of("mailto:" + address);
    }

    /** The creation's Idempotency-Key: the Message-ID's hash (a Message-ID may exceed a key's 255 characters). */
    static String idempotencyKey(String messageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return "mail-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
