package io.exdesk.routing.rest;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.routing.domain.Agent;
import io.exdesk.routing.domain.AgentStatus;
import io.exdesk.routing.domain.ShiftSchedule;
import java.time.Instant;
import java.util.List;

/** An agent as the API shows it; {@code version} is the ETag. */
public record AgentView(String id, String name, AgentTier tier, String team, List<Category> skills,
                        List<String> languages, int capacity, boolean vipCapable, AgentStatus status,
                        ShiftSchedule shift, int openTickets, Instant lastAssignedAt, long version,
                        Instant createdAt, Instant updatedAt, String email, String chatUrl,
                        ChatWebhookFormat chatFormat) {

    public static AgentView of(Agent a, ShiftSchedule shift) {
        return new AgentView(a.id, a.name, a.tier, a.team, a.skillList(), List.of(a.languages), a.capacity,
                a.vipCapable, a.status, shift, a.openTickets, a.lastAssignedAt, a.version, a.createdAt, a.updatedAt,
                a.email, a.chatUrl, a.chatFormat);
    }
}
