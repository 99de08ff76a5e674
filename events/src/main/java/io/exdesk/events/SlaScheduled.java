package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code sla-scheduled}: a clock's due time was set or changed (start, priority change, pause, resume).
 *
 * @param ticketVersion the ticket version this schedule was computed from, so stale schedules can be dropped
 * @param dueAt         the instant the target passes; while paused, the value it had when paused (the resume
 *                      publishes the new one)
 * @param paused        whether the clock is paused (ticket waiting for the customer)
 */
public record SlaScheduled(
        UUID ticketId,
        long ticketVersion,
        Instant occurredAt,
        SlaClock clock,
        Instant dueAt,
        boolean paused,
        Priority priority,
        CustomerTier customerTier) implements TicketScopedEvent {

    public SlaScheduled {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(ticketVersion, "ticketVersion");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(customerTier, "customerTier");
    }
}
