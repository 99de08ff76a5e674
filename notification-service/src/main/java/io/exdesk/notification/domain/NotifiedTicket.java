package io.exdesk.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What the service learned about a ticket from events, so that every message can name its number,
 * priority, category and due time although SLA events do not carry all of them.
 */
@Entity
@Table(name = "notified_ticket")
public class NotifiedTicket extends PanacheEntityBase {

    @Id
    public UUID ticketId;
    public String ticketNumber;
    public String priority;
    public String category;
    public String language;
    public String customerId;
    public String assigneeId;
    public String team;
    public Instant firstResponseDue;
    public Instant resolutionDue;
    public Instant updatedAt;
}
