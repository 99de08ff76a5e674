package io.exdesk.ticket.domain;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The customer's satisfaction rating of a resolved or closed ticket (CSAT), at most one per ticket. It keeps
 * the ticket's classification and assignee as they were when it was rated, so every report groups it alike.
 */
@Entity
@Table(name = "ticket_csat")
public class TicketCsat extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;
    public int rating;
    /** Customer text, after secret redaction; erased with the ticket's other personal data. */
    public String comment;
    @Column(name = "secrets_redacted")
    public boolean secretsRedacted;
    @Enumerated(EnumType.STRING)
    public Category category;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    @Column(name = "customer_tier")
    public CustomerTier customerTier;
    @Column(name = "agent_id")
    public String agentId;
    @Enumerated(EnumType.STRING)
    @Column(name = "agent_tier")
    public AgentTier agentTier;
    @Column(name = "submitted_by")
    public String submittedBy;
    @Column(name = "submitted_at")
    public Instant submittedAt;
}
