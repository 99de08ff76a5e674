package io.exdesk.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code customer-erased}: a customer's erasure was requested; every service erases what it holds about
 * the customer beyond their tickets (a contact, say) and confirms it ({@link ErasureConfirmed}). Each
 * erased ticket has its own {@code ticket-erased} on {@code ticket-events}, ordered after the ticket's
 * other facts. Published even when the customer has no ticket, since other services may still know them.
 *
 * @param customerId the customer's pseudonym ({@link TicketErased#pseudonymOf}), never the customer id
 * @param erasureId  the erasure request
 * @param ticketIds  the tickets this request erased, each with its {@code ticket-erased}; may be empty
 */
public record CustomerErased(
        String customerId,
        UUID erasureId,
        List<UUID> ticketIds,
        Instant occurredAt) implements ExDeskEvent {

    public CustomerErased {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(erasureId, "erasureId");
        ticketIds = List.copyOf(Objects.requireNonNull(ticketIds, "ticketIds"));
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** Keyed by the pseudonym: the erasure requests of one customer stay in order. */
    @Override
    @JsonIgnore
    public String key() {
        return customerId;
    }

    /**
     * The events of one erasure request, as ticket-service publishes them: a {@code ticket-erased} per
     * erased ticket, then the {@code customer-erased} that lists them.
     *
     * @param erasedVersions each erased ticket and its version after the erasure, in the order to publish
     */
    public static List<ExDeskEvent> announce(String pseudonym, UUID erasureId, Map<UUID, Long> erasedVersions,
                                             Instant at) {
        List<ExDeskEvent> events = new ArrayList<>(erasedVersions.size() + 1);
        erasedVersions.forEach((ticketId, version) ->
                events.add(new TicketErased(ticketId, version, at, pseudonym, erasureId)));
        events.add(new CustomerErased(pseudonym, erasureId, List.copyOf(erasedVersions.keySet()), at));
        return events;
    }
}
