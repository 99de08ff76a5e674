package io.exdesk.ticket.service;

import io.exdesk.ticket.domain.TicketCsat;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * {@code csat_rating}: every CSAT rating by the ticket's category and priority and the assignee's tier when
 * rated. One bucket per rating value (le 1..5), so a dashboard shows the average ({@code _sum / _count}) and the
 * distribution from one family.
 */
@Singleton
public class CsatMetrics {

    /** {@code agent_tier} of a ticket that was never assigned. */
    static final String UNASSIGNED = "NONE";
    /** {@code agent_tier} of a ticket assigned before ticket-service kept the assignee's tier. */
    static final String UNKNOWN = "UNKNOWN";

    private final MeterRegistry registry;

    public CsatMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rated(TicketCsat csat) {
        DistributionSummary.builder("csat.rating")
                .description("Customer satisfaction ratings (1-5) of resolved tickets, by category, priority and the "
                        + "assignee's tier when rated")
                .tag("category", csat.category.name())
                .tag("priority", csat.priority.name())
                .tag("agent_tier", agentTier(csat))
                .serviceLevelObjectives(1, 2, 3, 4, 5)
                .register(registry)
                .record(csat.rating);
    }

    static String agentTier(TicketCsat csat) {
        if (csat.agentTier != null) {
            return csat.agentTier.name();
        }
        return csat.agentId == null ? UNASSIGNED : UNKNOWN;
    }
}
