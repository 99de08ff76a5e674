package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code ticket-created}: a ticket was opened; carries what routing, SLA and notification need to act without
 * calling back.
 *
 * @param ticketNumber    the short number people see, e.g. {@code EXD-104233}
 * @param language        BCP 47 tag of the conversation, e.g. {@code zh-CN}
 * @param customerId      the exchange's opaque user id, not a name or e-mail address
 * @param subject         the subject line after secret redaction
 * @param secretsRedacted whether intake replaced secrets (keys, seed phrases, passwords, 2FA codes) by a marker
 * @param createdAt       when the ticket was accepted; the SLA clocks start here
 */
public record TicketCreated(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String ticketNumber,
        Priority priority,
        Category category,
        Channel channel,
        String language,
        String customerId,
        CustomerTier customerTier,
        String subject,
        boolean secretsRedacted,
        Instant createdAt) implements TicketEvent {

    public TicketCreated {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(customerTier, "customerTier");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
