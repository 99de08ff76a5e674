package io.exdesk.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code sla-policy}: the current SLA policy for one priority and customer tier, published to the compacted
 * {@code sla-policies} topic so other services know the targets without calling sla-service.
 *
 * @param policyVersion        increases on every change of this policy
 * @param firstResponseSeconds first-response target in seconds, counted in {@code calendar}
 * @param resolutionSeconds    resolution target in seconds, counted in {@code calendar}
 * @param warningFractions     strictly increasing fractions in (0, 1) of a target at which {@code sla-warning}
 *                             fires; position i is escalation level i + 1; may be empty
 * @param calendar             id of the calendar the targets count in, e.g. {@code 24x7}
 */
public record SlaPolicyUpdated(
        Priority priority,
        CustomerTier customerTier,
        int policyVersion,
        long firstResponseSeconds,
        long resolutionSeconds,
        List<Double> warningFractions,
        String calendar,
        Instant occurredAt) implements ExDeskEvent {

    public SlaPolicyUpdated {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(customerTier, "customerTier");
        Checks.version(policyVersion, "policyVersion");
        Checks.positive(firstResponseSeconds, "firstResponseSeconds");
        Checks.positive(resolutionSeconds, "resolutionSeconds");
        Objects.requireNonNull(warningFractions, "warningFractions");
        // List.copyOf also rejects null elements and keeps the record immutable.
        warningFractions = List.copyOf(warningFractions);
        double previous = 0.0;
        for (double fraction : warningFractions) {
            Checks.fraction(fraction, "warningFractions element");
            if (fraction <= previous) {
                throw new IllegalArgumentException("warningFractions must be strictly increasing: " + warningFractions);
            }
            previous = fraction;
        }
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The record key of the policy for {@code priority} and {@code customerTier}, e.g. {@code URGENT:VIP}. */
    public static String keyOf(Priority priority, CustomerTier customerTier) {
        return Objects.requireNonNull(priority, "priority") + ":" + Objects.requireNonNull(customerTier, "customerTier");
    }

    @Override
    @JsonIgnore
    public String key() {
        return keyOf(priority, customerTier);
    }
}
