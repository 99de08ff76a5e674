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
    /** {@code null} only on a row written before sla-service kept it and not heard of since: see {@link #number()}. */
    @Column(name = "ticket_number")
    public String ticketNumber;
    /** {@code null} only on a row written before sla-service kept it and not heard of since: see {@link #category()}. */
    @Enumerated(EnumType.STRING)
    public Category category;

    /**
     * The number warnings and breaches carry. A ticket started before sla-service kept numbers, with no
     * later fact naming it, is called by its id: the one true name sla-service has for it, and what
     * consumers showed before the events carried a number. Inventing an {@code EXD-} number would be a lie.
     */
    public String number() {
        return ticketNumber != null ? ticketNumber : ticketId.toString();
    }

    /**
     * The category warnings and breaches carry. For a ticket started before sla-service kept categories,
     * with no later fact naming one, {@code GENERAL}: the vocabulary's catch-all, and the event requires a
     * value. It is a guess about only those few old tickets; any priority change, assignment or queueing
     * replaces it with the real one (see {@link #learn}).
     */
    public Category category() {
        return category != null ? category : Category.GENERAL;
    }

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
