package io.exdesk.sla.clock;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The SLA figures ops watch: {@code sla_warnings_total}, {@code sla_breaches_total} and
 * {@code sla_met_total} by priority, tier and clock, and how long first responses and resolutions
 * took ({@code sla_first_response_duration_seconds}, {@code sla_resolution_duration_seconds}).
 */
@Singleton
public class SlaMetrics {

    private final MeterRegistry registry;

    public SlaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void warning(Priority priority, CustomerTier tier, SlaClock clock) {
        registry.counter("sla.warnings", tags(priority, tier, clock)).increment();
    }

    void breach(Priority priority, CustomerTier tier, SlaClock clock) {
        registry.counter("sla.breaches", tags(priority, tier, clock)).increment();
    }

    /** A clock stopped: met (or not, if it breached first) after {@code took} of calendar time. */
    void stopped(Priority priority, CustomerTier tier, SlaClock clock, boolean met, Duration took) {
        if (met) {
            registry.counter("sla.met", tags(priority, tier, clock)).increment();
        }
        String name = clock == SlaClock.FIRST_RESPONSE ? "sla.first.response.duration" : "sla.resolution.duration";
        Timer.builder(name)
                .description("Calendar time until the " + (clock == SlaClock.FIRST_RESPONSE ? "first response" : "resolution"))
                .tag("priority", priority.name())
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    private static String[] tags(Priority priority, CustomerTier tier, SlaClock clock) {
        return new String[] {"priority", priority.name(), "tier", tier.name(), "clock", clock.name()};
    }
}
