package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code sla-met}: a clock stopped (first response, or resolution) before its target.
 *
 * @param metAt          when the response or resolution happened
 * @param elapsedSeconds counted time on the clock from start to {@code metAt}, excluding pauses and off-calendar time
 */
public record SlaMet(
        UUID ticketId,
        Instant occurredAt,
        SlaClock clock,
        Instant dueAt,
        Instant metAt,
        long elapsedSeconds,
        Priority priority,
        CustomerTier customerTier) implements TicketScopedEvent {

    public SlaMet {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(metAt, "metAt");
        Checks.notNegative(elapsedSeconds, "elapsedSeconds");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(customerTier, "customerTier");
    }
}
