package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code ticket-erased}: a ticket's personal data was erased on request; every consumer must erase what it
 * holds about the ticket too.
 *
 * @param customerId the customer whose data was erased, so consumers can find data they keyed by customer
 */
public record TicketErased(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String customerId) implements TicketEvent {

    public TicketErased {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(customerId, "customerId");
    }
}
