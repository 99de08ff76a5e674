package io.exdesk.sla.domain;

import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** What sla-service knows of a ticket: enough to choose policies and fill in warnings. */
@Entity
@Table(name = "sla_ticket")
public class SlaTicket extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;
    public long version;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    @Column(name = "customer_tier")
    public CustomerTier customerTier;
    @Enumerated(EnumType.STRING)
    public TicketStatus status;
    @Column(name = "assignee_id")
    public String assigneeId;
    /** {@code null} only on a row written before sla-service kept it and not heard of since (see {@link #learn}). */
    @Column(name = "ticket_number")
    public String ticketNumber;
    /** {@code null} only on a row written before sla-service kept it and not heard of since (see {@link #learn}). */
    @Enumerated(EnumType.STRING)
    public Category category;

    /** Fills in what a row written before sla-service kept numbers and categories lacks; known values stay. */
    public void learn(String number, Category knownCategory) {
        if (ticketNumber == null && number != null) {
            ticketNumber = number;
        }
        if (category == null && knownCategory != null) {
            category = knownCategory;
        }
    }
}
