package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code ticket-responded}: an agent posted a public reply; the first one stops the first-response clock.
 *
 * @param firstResponse whether this is the ticket's first public agent reply
 */
public record TicketResponded(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String ticketNumber,
        String agentId,
        boolean firstResponse) implements TicketEvent {

    public TicketResponded {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(agentId, "agentId");
    }
}
