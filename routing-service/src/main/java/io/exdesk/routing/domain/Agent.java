package io.exdesk.routing.domain;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A support agent as routing sees them: what they can handle, how much, and whether they are there. */
@Entity
@Table(name = "agent")
public class Agent extends PanacheEntityBase {

    /** The agent's JWT subject, so an agent's token identifies their own record. */
    @Id
    public String id;

    public String name;

    @Enumerated(EnumType.STRING)
    public AgentTier tier;

    public String team;

    /** Category names. */
    public String[] skills;

    /** Lower-case BCP 47 tags. */
    public String[] languages;

    public int capacity;

    @Column(name = "vip_capable")
    public boolean vipCapable;

    @Enumerated(EnumType.STRING)
    public AgentStatus status;

    /** {@link ShiftSchedule} as JSON, or null. */
    public String shift;

    @Column(name = "on_shift")
    public Boolean onShift;

    /** How to reach the agent; notification-service learns it from the agent's profile events. */
    public String email;

    @Column(name = "chat_url")
    public String chatUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "chat_format")
    public ChatWebhookFormat chatFormat;

    @Column(name = "open_tickets")
    public int openTickets;

    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<Category> skillList() {
        return Arrays.stream(skills).map(Category::valueOf).toList();
    }

    public boolean hasRoom() {
        return openTickets < capacity;
    }
}
