package io.exdesk.ticket.domain;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A support ticket, the aggregate ticket-service owns. Every change goes through a method here
 * that bumps {@link #version}, the number events carry and the ETag clients send back.
 */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    @Id
    public UUID id;
    public String number;
    public long version;
    @Enumerated(EnumType.STRING)
    public TicketStatus status;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    public Category category;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "customer_id")
    public String customerId;
    @Enumerated(EnumType.STRING)
    @Column(name = "customer_tier")
    public CustomerTier customerTier;
    @Column(name = "customer_language")
    public String customerLanguage;
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "contact_phone")
    public String contactPhone;
    public String subject;
    public String description;
    @Column(name = "crypto_asset")
    public String cryptoAsset;
    @Column(name = "crypto_network")
    public String cryptoNetwork;
    @Column(name = "crypto_tx_id")
    public String cryptoTxId;
    @Column(name = "crypto_amount")
    public BigDecimal cryptoAmount;
    @Column(name = "external_reference")
    public String externalReference;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "assignee_id")
    public String assigneeId;
    /** The assignee's tier as the last {@code ticket-assigned} said; null when unknown (CSAT groups by it). */
    @Enumerated(EnumType.STRING)
    @Column(name = "assignee_tier")
    public AgentTier assigneeTier;
    @Column(name = "category_triaged")
    public boolean categoryTriaged;
    @Column(name = "priority_triaged")
    public boolean priorityTriaged;
    @Column(name = "secrets_redacted")
    public boolean secretsRedacted;
    @Column(name = "expected_first_response_at")
    public Instant expectedFirstResponseAt;
    @Column(name = "first_responded_at")
    public Instant firstRespondedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "erased_at")
    public Instant erasedAt;
    /** When it moved to CLOSED, which is final: retention counts from here. */
    @Column(name = "closed_at")
    public Instant closedAt;
    /** When retention erased its contact data (name, e-mail, phone), before its other personal data. */
    @Column(name = "contact_erased_at")
    public Instant contactErasedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Records a change made at {@code now}; returns the new version. */
    public long touch(Instant now) {
        version++;
        updatedAt = now;
        return version;
    }

    /** The ETag of this version: a strong validator. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
