package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code sla-breached}: a clock passed its target before the response or resolution happened.
 *
 * @param breachedAt   the instant the target passed (normally {@code dueAt})
 * @param late         whether the timer fired after a restart, already past its instant
 * @param assigneeId   the agent holding the ticket, {@code null} while it is queued
 * @param ticketNumber the short number people see, e.g. {@code EXD-104233}, so a consumer can name the ticket
 *                     without having seen {@code ticket-created} first
 * @param category     the ticket's category, for the same reason. Both are {@code null} only for a ticket
 *                     sla-service started before it kept them and heard no later fact naming them
 *                     (added fields are optional, docs/events.md)
 */
public record SlaBreached(
        UUID ticketId,
        Instant occurredAt,
        SlaClock clock,
        Instant dueAt,
        Instant breachedAt,
        boolean late,
        Priority priority,
        CustomerTier customerTier,
        String assigneeId,
        String ticketNumber,
        Category category) implements TicketScopedEvent {

    public SlaBreached {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(breachedAt, "breachedAt");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(customerTier, "customerTier");
    }
}
