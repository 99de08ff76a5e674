package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** {@code ticket-queued}: no eligible agent was free, so the ticket waits in the routing queue. */
public record TicketQueued(
        UUID ticketId,
        Instant occurredAt,
        String ticketNumber,
        Priority priority,
        Category category,
        String language,
        CustomerTier customerTier) implements TicketScopedEvent {

    public TicketQueued {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(customerTier, "customerTier");
    }
}
