package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code customer-replied}: the customer added a message to a ticket.
 *
 * @param reopened whether the reply reopened a resolved ticket; the status change itself is its own
 *                 {@code status-changed}
 */
public record CustomerReplied(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String ticketNumber,
        boolean reopened) implements TicketEvent {

    public CustomerReplied {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
    }
}
