package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code csat-submitted}: the customer rated how their resolved (or closed) ticket was handled, once per ticket.
 * It carries what a satisfaction report groups by, never the customer's comment: the comment is customer text,
 * kept (redacted) in ticket-service only, where an erasure can reach it; a consumer that needs it reads it there.
 *
 * @param rating          1 (very dissatisfied) to 5 (very satisfied)
 * @param commented       whether the customer left a comment
 * @param secretsRedacted whether intake replaced secrets in the comment by a marker (the customer exposed one)
 * @param agentId         the agent holding the ticket when it was rated; {@code null} if it was never assigned
 * @param agentTier       that agent's tier as routing last reported it; {@code null} if never assigned, or
 *                        assigned before ticket-service kept the tier
 */
public record CsatSubmitted(
        UUID ticketId,
        long version,
        Instant occurredAt,
        String ticketNumber,
        int rating,
        boolean commented,
        boolean secretsRedacted,
        Category category,
        Priority priority,
        CustomerTier customerTier,
        String agentId,
        AgentTier agentTier) implements TicketEvent {

    /** The lowest and highest rating. */
    public static final int MIN_RATING = 1;
    public static final int MAX_RATING = 5;

    public CsatSubmitted {
        Objects.requireNonNull(ticketId, "ticketId");
        Checks.version(version, "version");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        if (rating < MIN_RATING || rating > MAX_RATING) {
            throw new IllegalArgumentException("rating must be in " + MIN_RATING + ".." + MAX_RATING + " but was " + rating);
        }
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(customerTier, "customerTier");
    }
}
