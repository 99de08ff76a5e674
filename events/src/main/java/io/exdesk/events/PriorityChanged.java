package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code priority-changed}: a ticket's priority changed, so its SLA targets are recomputed.
 *
 * @param changedBy who made the change: an agent id, or {@code system} for automatic re-triage
 */
public record PriorityChanged(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String ticketNumber,
        Priority previousPriority,
        Priority priority,
        Category category,
        CustomerTier customerTier,
        String changedBy) implements TicketEvent {

    public PriorityChanged {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(previousPriority, "previousPriority");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(customerTier, "customerTier");
        Objects.requireNonNull(changedBy, "changedBy");
    }
}
