package io.exdesk.ticket.domain;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * The response targets of one priority and customer tier, a read model of what sla-service publishes
 * on {@code sla-policies}: what ticket-service needs to tell a new ticket when to expect a first
 * response. (The table keeps its first name, {@code sla_policy_view}.)
 */
@Entity
@Cacheable // read on every ticket creation, changed only when sla-service publishes a policy
@Table(name = "sla_policy_view")
public class SlaPolicyTarget extends PanacheEntityBase {

    /** Priority and customer tier. */
    @Embeddable
    public record Key(@Enumerated(EnumType.STRING) @Column(name = "priority") Priority priority,
                      @Enumerated(EnumType.STRING) @Column(name = "customer_tier") CustomerTier customerTier)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "policy_version")
    public int policyVersion;
    @Column(name = "first_response_seconds")
    public long firstResponseSeconds;
    @Column(name = "resolution_seconds")
    public long resolutionSeconds;
}
