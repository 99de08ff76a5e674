package io.exdesk.ticket.service;

import io.exdesk.events.EmailReply;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.TicketMessage;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent's reply to a ticket that came by e-mail goes back to the customer by e-mail, in the same thread:
 * in the reply's transaction this records the mail's Message-ID (so the customer's answer threads) and writes
 * {@code email-reply} to the outbox, which notification-service delivers.
 */
@Singleton
public class EmailReplies {

    /** The domain of the Message-IDs notification-service gives its mails ({@code <delivery id@…>}). */
    static final String MESSAGE_ID_DOMAIN = "notification.exdesk";
    /** The thread's newest Message-IDs a reply references; enough for any client to thread it. */
    private static final int MAX_REFERENCES = 20;

    private final OutboxWriter outbox;
    private final EntityManager em;

    public EmailReplies(OutboxWriter outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
    }

    /**
     * Whether the ticket is answered by e-mail: it came from the support mailbox (not from the platform, which
     * answers its customers itself), and its customer's address is still there.
     */
    static boolean answeredByEmail(Ticket t) {
        return MailIntake.ACTOR.equals(t.createdBy) && t.contactEmail != null && t.erasedAt == null;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void owe(Ticket t, TicketMessage reply, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> thread = em.createNativeQuery("""
                        SELECT message_id, direction FROM mail_message WHERE ticket_id = ?1
                        ORDER BY created_at DESC, message_id LIMIT ?2""")
                .setParameter(1, t.id)
                .setParameter(2, MAX_REFERENCES)
                .getResultList();
        String inReplyTo = thread.stream().filter(row -> "IN".equals(row[1])).map(row -> (String) row[0])
                .findFirst().orElse(null);
        List<String> references = new ArrayList<>();
        for (int i = thread.size() - 1; i >= 0; i--) {
            references.add((String) thread.get(i)[0]);
        }
        em.createNativeQuery("""
                        INSERT INTO mail_message (message_id, ticket_id, direction, created_at)
                        VALUES (?1, ?2, 'OUT', ?3)""")
                .setParameter(1, reply.id + "@" + MESSAGE_ID_DOMAIN)
                .setParameter(2, t.id)
                .setParameter(3, Timestamp.from(now))
                .executeUpdate();
        outbox.append(new EmailReply(t.id, t.version, now, t.number, reply.id, t.customerId, t.customerLanguage,
                t.contactEmail, subject(t), reply.body, inReplyTo, references));
    }

    /** {@code Re: <the ticket's subject> [#EXD-…]}: the number is what threads an answer that lost its headers. */
    static String subject(Ticket t) {
        String subject = t.subject == null ? "" : t.subject.strip();
        String tag = "[#" + t.number + "]";
        if (!subject.contains(tag)) {
            subject = subject + " " + tag;
        }
        return subject.regionMatches(true, 0, "Re:", 0, 3) ? subject.strip() : ("Re: " + subject).strip();
    }
}
