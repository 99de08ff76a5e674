package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code sla-warning}: a clock reached a warning fraction of its target; routing escalates on it.
 *
 * @param level            1-based escalation level: the index of the policy's warning fraction that was reached
 * @param fraction         the reached fraction of the target, in (0, 1)
 * @param remainingSeconds seconds left until {@code dueAt} when the warning fired
 * @param assigneeId       the agent holding the ticket, {@code null} while it is queued
 * @param ticketNumber     the short number people see, e.g. {@code EXD-104233}, so a consumer can name the ticket
 *                         without having seen {@code ticket-created} first
 * @param category         the ticket's category, for the same reason. Both are {@code null} only for a ticket
 *                     sla-service started before it kept them and heard no later fact naming them
 *                     (added fields are optional, docs/events.md)
 */
public record SlaWarning(
        UUID ticketId,
        Instant occurredAt,
        SlaClock clock,
        int level,
        double fraction,
        Instant dueAt,
        long remainingSeconds,
        Priority priority,
        CustomerTier customerTier,
        String assigneeId,
        String ticketNumber,
        Category category) implements TicketScopedEvent {

    public SlaWarning {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(clock, "clock");
        if (level < 1) {
            throw new IllegalArgumentException("level must be >= 1 but was " + level);
        }
        Checks.fraction(fraction, "fraction");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(customerTier, "customerTier");
    }
}
