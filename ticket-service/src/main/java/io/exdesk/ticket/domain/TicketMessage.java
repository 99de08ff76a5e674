package io.exdesk.ticket.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reply on a ticket, by an agent or by the customer (through the platform). */
@Entity
@Table(name = "ticket_message")
public class TicketMessage extends PanacheEntityBase {

    /** Who wrote a message. */
    public enum AuthorType { AGENT, CUSTOMER }

    @Id
    public UUID id;
    @Column(name = "ticket_id")
    public UUID ticketId;
    @Enumerated(EnumType.STRING)
    @Column(name = "author_type")
    public AuthorType authorType;
    @Column(name = "author_id")
    public String authorId;
    public String body;
    @Column(name = "created_at")
    public Instant createdAt;
}
