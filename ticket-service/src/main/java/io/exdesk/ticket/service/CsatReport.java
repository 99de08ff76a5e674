package io.exdesk.ticket.service;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CSAT over a period, for supervisors: how many ratings, their average and distribution, and the latest low
 * ones (rating {@value CsatService#LOW_RATING} or below) with the ticket to open.
 *
 * @param average null when there is no rating in the period
 * @param ratings the number of ratings of each value, 1 to 5, every value present
 */
public record CsatReport(Instant from, Instant to, long count, Double average, Map<Integer, Long> ratings,
                         List<LowRating> low) {

    /** A low rating: the ticket, its classification and assignee when rated, and the (redacted) comment. */
    public record LowRating(UUID ticketId, String ticketNumber, int rating, String comment, Category category,
                            Priority priority, String agentId, AgentTier agentTier, Instant submittedAt) {
    }
}
