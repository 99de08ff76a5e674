package io.exdesk.ticket.service;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.ticket.domain.TicketCsat;
import java.time.Instant;
import java.util.UUID;

/**
 * A ticket's CSAT rating as the API shows it (and stores for Idempotency-Key replays). The assignee is named by
 * tier only: the platform that submits ratings has no need of agents' ids.
 *
 * @param comment the customer's comment after secret redaction; null when there is none
 */
public record CsatRating(UUID ticketId, String ticketNumber, int rating, String comment, boolean secretsRedacted,
                         Category category, Priority priority, AgentTier agentTier, Instant submittedAt) {

    static CsatRating of(TicketCsat csat, String ticketNumber) {
        return new CsatRating(csat.ticketId, ticketNumber, csat.rating, csat.comment, csat.secretsRedacted,
                csat.category, csat.priority, csat.agentTier, csat.submittedAt);
    }
}
