package io.exdesk.routing.domain;

import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaClock;
import io.exdesk.events.TicketStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** What routing knows of a ticket: enough to route it without calling ticket-service, and who holds it. */
@Entity
@Table(name = "routed_ticket")
public class RoutedTicket extends PanacheEntityBase {

    /** Where a ticket is in routing. DONE: resolved or closed, it no longer counts against anyone. */
    public enum State {
        QUEUED, ASSIGNED, DONE
    }

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "ticket_number")
    public String ticketNumber;

    public long version;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "priority_rank")
    public int priorityRank;

    @Enumerated(EnumType.STRING)
    public Category category;

    public String language;

    @Enumerated(EnumType.STRING)
    @Column(name = "customer_tier")
    public CustomerTier customerTier;

    @Enumerated(EnumType.STRING)
    @Column(name = "ticket_status")
    public TicketStatus ticketStatus;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "assignee_id")
    public String assigneeId;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** Clocks whose warning already escalated the ticket, so a clock escalates it once. */
    @Column(name = "escalated_clocks")
    public String[] escalatedClocks = new String[0];

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public void setPriority(Priority priority) {
        this.priority = priority;
        this.priorityRank = priority.ordinal(); // URGENT first: the enum is declared in urgency order
    }

    public boolean escalatedOn(SlaClock clock) {
        return Arrays.asList(escalatedClocks).contains(clock.name());
    }

    public void markEscalated(SlaClock clock) {
        String[] more = Arrays.copyOf(escalatedClocks, escalatedClocks.length + 1);
        more[escalatedClocks.length] = clock.name();
        escalatedClocks = more;
    }

    public boolean isOpen() {
        return state != State.DONE;
    }
}
