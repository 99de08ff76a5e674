package io.exdesk.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code erasure-confirmed}: a service has erased, in its own database, what it held of an erased
 * customer: of one ticket (after that ticket's {@code ticket-erased}) or of the customer beyond their
 * tickets (after {@code customer-erased}). ticket-service collects these into the erasure's record, the
 * proof that the request reached every service.
 *
 * @param customerId the customer's pseudonym, as in the event confirmed
 * @param erasureId  the erasure request
 * @param ticketId   the ticket confirmed; null for the customer's data beyond tickets
 * @param service    the confirming service, e.g. {@code notification-service} (also in {@code ce_source})
 */
public record ErasureConfirmed(
        String customerId,
        UUID erasureId,
        UUID ticketId,
        String service,
        Instant occurredAt) implements ExDeskEvent {

    public ErasureConfirmed {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(erasureId, "erasureId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** Keyed by the pseudonym, like the erasure it confirms. */
    @Override
    @JsonIgnore
    public String key() {
        return customerId;
    }
}
