package io.exdesk.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code email-reply}: an agent answered a ticket that came by e-mail, and the answer is owed to the customer by
 * e-mail in the same thread. On its own topic ({@link Topics#EMAIL_REPLIES}), read by notification-service only
 * and kept briefly, since it carries what such a mail must: the customer's address and the agent's (redacted)
 * words.
 *
 * @param messageId  the id of the agent's reply (ticket-service's message id); the mail's Message-ID is
 *                   {@code <messageId@notification.exdesk>}, which ticket-service records so the customer's answer
 *                   threads
 * @param customerId the ticket's customer id (the recipient {@code customer:<id>}, so erasure finds the mail)
 * @param language   the ticket's language (BCP 47)
 * @param to         the customer's e-mail address
 * @param subject    the mail's subject, with the ticket number ({@code Re: … [#EXD-104233]})
 * @param body       the agent's reply, as stored (secrets redacted)
 * @param inReplyTo  the Message-ID (without angle brackets) of the customer's last mail on the ticket, or null
 * @param references the thread's Message-IDs, oldest first (References), possibly empty
 */
public record EmailReply(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String ticketNumber,
        UUID messageId,
        String customerId,
        String language,
        String to,
        String subject,
        String body,
        String inReplyTo,
        List<String> references) implements TicketScopedEvent {

    public EmailReply {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        references = List.copyOf(Objects.requireNonNull(references, "references"));
    }
}
