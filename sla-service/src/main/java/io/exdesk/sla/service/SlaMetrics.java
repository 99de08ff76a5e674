package io.exdesk.sla.service;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaClock;
import io.exdesk.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The SLA figures ops watch: {@code sla_warnings_total}, {@code sla_breaches_total} and
 * {@code sla_met_total} by priority, tier and clock, how long first responses and resolutions took
 * ({@code sla_first_response_duration_seconds}, {@code sla_resolution_duration_seconds}) and how late
 * the timer fired ({@code sla_timer_lateness_seconds}); every series exists, at zero, from the start.
 * Everything is counted after the commit of the transaction that did it: a rolled-back batch that the
 * consumer retries record by record, or a timer round that fails and runs again, must not count its
 * events twice.
 */
@Singleton
public class SlaMetrics {

    private final MeterRegistry registry;
    private final AfterCommit afterCommit;
    private final Timer lateness;

    public SlaMetrics(MeterRegistry registry, AfterCommit afterCommit) {
        this.registry = registry;
        this.afterCommit = afterCommit;
        this.lateness = Timer.builder("sla.timer.lateness")
                .description("Fire time minus due time of SLA warnings and breaches")
                .publishPercentileHistogram()
                .register(registry);
        // Every series exists from the start, at zero. rate() and increase() only see an increment between two
        // scrapes, so a counter born at 1 would hide the first breach of its priority and tier after each start:
        // the very breach a VIP or URGENT alert is for.
        for (Priority priority : Priority.values()) {
            for (CustomerTier tier : CustomerTier.values()) {
                for (SlaClock clock : SlaClock.values()) {
                    for (String counter : new String[] {"sla.warnings", "sla.breaches", "sla.met"}) {
                        registry.counter(counter, tags(priority, tier, clock));
                    }
                }
            }
            for (SlaClock clock : SlaClock.values()) {
                duration(clock, priority);
            }
        }
    }

    void warning(Priority priority, CustomerTier tier, SlaClock clock) {
        afterCommit.run(() -> registry.counter("sla.warnings", tags(priority, tier, clock)).increment());
    }

    void breach(Priority priority, CustomerTier tier, SlaClock clock) {
        afterCommit.run(() -> registry.counter("sla.breaches", tags(priority, tier, clock)).increment());
    }

    /** A timer fired {@code late} after the instant it was set for. */
    void fired(Duration late) {
        afterCommit.run(() -> lateness.record(late));
    }

    /** A clock stopped: met (or not, if it breached first) after {@code took} of calendar time. */
    void stopped(Priority priority, CustomerTier tier, SlaClock clock, boolean met, Duration took) {
        afterCommit.run(() -> {
            if (met) {
                registry.counter("sla.met", tags(priority, tier, clock)).increment();
            }
            duration(clock, priority).record(took);
        });
    }

    private Timer duration(SlaClock clock, Priority priority) {
        String name = clock == SlaClock.FIRST_RESPONSE ? "sla.first.response.duration" : "sla.resolution.duration";
        return Timer.builder(name)
                .description("Calendar time until the " + (clock == SlaClock.FIRST_RESPONSE ? "first response" : "resolution"))
                .tag("priority", priority.name())
                .publishPercentileHistogram()
                .register(registry);
    }

    private static String[] tags(Priority priority, CustomerTier tier, SlaClock clock) {
        return new String[] {"priority", priority.name(), "tier", tier.name(), "clock", clock.name()};
    }
}
