package io.exdesk.sla.domain;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import java.time.Duration;
import java.util.List;

/** The policies of the design brief, in force until an admin changes them: VIP gets half of each target. */
public final class SlaPolicyDefaults {

    /** Warn at half, three quarters and nine tenths of the target. */
    public static final List<Double> WARNING_FRACTIONS = List.of(0.5, 0.75, 0.9);

    private SlaPolicyDefaults() {
    }

    public static Duration firstResponse(Priority priority, CustomerTier tier) {
        Duration standard = switch (priority) {
            case URGENT -> Duration.ofMinutes(5);
            case HIGH -> Duration.ofMinutes(15);
            case NORMAL -> Duration.ofMinutes(30);
            case LOW -> Duration.ofHours(4);
        };
        return tier == CustomerTier.VIP ? standard.dividedBy(2) : standard;
    }

    public static Duration resolution(Priority priority, CustomerTier tier) {
        Duration standard = switch (priority) {
            case URGENT -> Duration.ofHours(1);
            case HIGH -> Duration.ofHours(4);
            case NORMAL -> Duration.ofHours(24);
            case LOW -> Duration.ofHours(72);
        };
        return tier == CustomerTier.VIP ? standard.dividedBy(2) : standard;
    }
}
