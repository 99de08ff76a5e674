package io.exdesk.routing.messaging;

import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketAssigned;
import java.time.Instant;
import java.util.UUID;

/**
 * One message of an agent's live stream: a ticket was {@code ASSIGNED} to them or {@code UNASSIGNED} from
 * them (escalated, reassigned, handed back), with the agent who holds it now.
 */
public record AssignmentStreamEvent(String type, UUID ticketId, String ticketNumber, String agentId,
                                    String previousAgentId, AssignmentReason reason, Priority priority,
                                    Category category, String language, Instant occurredAt) {

    public static AssignmentStreamEvent of(TicketAssigned a, String viewer) {
        return new AssignmentStreamEvent(viewer.equals(a.agentId()) ? "ASSIGNED" : "UNASSIGNED", a.ticketId(),
                a.ticketNumber(), a.agentId(), a.previousAgentId(), a.reason(), a.priority(), a.category(),
                a.language(), a.occurredAt());
    }
}
