package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code status-changed}: a ticket moved in its lifecycle; pauses, resumes or stops SLA clocks and frees agent
 * capacity.
 *
 * @param changedBy who made the change: an agent id, {@code customer}, or {@code system}
 */
public record StatusChanged(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String ticketNumber,
        TicketStatus previousStatus,
        TicketStatus status,
        Priority priority,
        CustomerTier customerTier,
        String changedBy) implements TicketEvent {

    public StatusChanged {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(previousStatus, "previousStatus");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(customerTier, "customerTier");
        Objects.requireNonNull(changedBy, "changedBy");
    }
}
