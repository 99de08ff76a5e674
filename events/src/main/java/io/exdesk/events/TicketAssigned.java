package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code ticket-assigned}: routing gave a ticket to an agent (first routing, escalation or reassignment).
 *
 * @param previousAgentId the agent who had the ticket before, {@code null} on first assignment
 * @param agentTier       the tier of the new agent
 * @param team            the agent's team, {@code null} when the agent has none
 * @param language        BCP 47 tag of the ticket, so notifications use the agent-facing template language
 */
public record TicketAssigned(
        UUID ticketId,
        Instant occurredAt,
        String ticketNumber,
        String agentId,
        String previousAgentId,
        AssignmentReason reason,
        AgentTier agentTier,
        String team,
        Priority priority,
        Category category,
        String language) implements TicketScopedEvent {

    public TicketAssigned {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(agentTier, "agentTier");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(language, "language");
    }
}
