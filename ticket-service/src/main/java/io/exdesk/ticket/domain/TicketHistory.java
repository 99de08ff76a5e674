package io.exdesk.ticket.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One entry of a ticket's audit trail: who changed which field from what to what, and when. */
@Entity
@Table(name = "ticket_history")
public class TicketHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ticket_id")
    public UUID ticketId;
    public long version;
    public String action;
    public String actor;
    public String field;
    @Column(name = "old_value")
    public String oldValue;
    @Column(name = "new_value")
    public String newValue;
    public Instant at;

    public static TicketHistory of(Ticket ticket, String action, String actor, String field,
                                   Object oldValue, Object newValue, Instant at) {
        TicketHistory entry = new TicketHistory();
        entry.ticketId = ticket.id;
        entry.version = ticket.version;
        entry.action = action;
        entry.actor = actor;
        entry.field = field;
        entry.oldValue = oldValue == null ? null : oldValue.toString();
        entry.newValue = newValue == null ? null : newValue.toString();
        entry.at = at;
        return entry;
    }
}
