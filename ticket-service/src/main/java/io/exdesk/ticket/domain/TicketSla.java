package io.exdesk.ticket.domain;

import io.exdesk.events.SlaClock;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The state of one SLA clock of a ticket, as sla-service last reported it. */
@Entity
@Table(name = "ticket_sla")
public class TicketSla extends PanacheEntityBase {

    /** What a clock is doing. */
    public enum State { RUNNING, PAUSED, BREACHED, MET }

    /** Ticket and clock. */
    @Embeddable
    public record Key(@Column(name = "ticket_id") UUID ticketId,
                      @Enumerated(EnumType.STRING) @Column(name = "clock") SlaClock clock) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "due_at")
    public Instant dueAt;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "warning_level")
    public int warningLevel;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
