package io.exdesk.sla.domain;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One version of the SLA policy for a priority and customer tier: targets, warnings, calendar. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy extends PanacheEntityBase {

    /** Priority, tier and version. */
    @Embeddable
    public record Key(@Enumerated(EnumType.STRING) @Column(name = "priority") Priority priority,
                      @Enumerated(EnumType.STRING) @Column(name = "customer_tier") CustomerTier customerTier,
                      @Column(name = "version") int version) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "first_response_seconds")
    public long firstResponseSeconds;
    @Column(name = "resolution_seconds")
    public long resolutionSeconds;
    @Column(name = "warning_fractions")
    public double[] warningFractions;
    /** The calendar as its JSON spec. */
    public String calendar;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;

    public Duration firstResponse() {
        return Duration.ofSeconds(firstResponseSeconds);
    }

    public Duration resolution() {
        return Duration.ofSeconds(resolutionSeconds);
    }

    public List<Double> fractions() {
        return Arrays.stream(warningFractions).boxed().toList();
    }

    public String etag() {
        return "\"" + key.version() + "\"";
    }
}
