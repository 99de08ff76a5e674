package io.exdesk.routing.service;

import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Priority;
import io.exdesk.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Routing's counters and timers, recorded when the transaction that made the decision commits, so a
 * rolled-back or retried decision is not counted twice.
 */
@ApplicationScoped
public class RoutingMetrics {

    private final MeterRegistry registry;
    private final AfterCommit afterCommit;
    private final Map<Priority, Timer> assignmentDuration = new EnumMap<>(Priority.class);

    public RoutingMetrics(MeterRegistry registry, AfterCommit afterCommit) {
        this.registry = registry;
        this.afterCommit = afterCommit;
        for (Priority priority : Priority.values()) {
            assignmentDuration.put(priority, Timer.builder("routing.assignment.duration")
                    .description("From ticket-created occurredAt to the ticket's first assignment, queue time included")
                    .tag("priority", priority.name())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofHours(1))
                    .register(registry));
        }
    }

    /** A ticket went to an agent; {@code sinceCreated} is set on its first assignment only. */
    public void assigned(AssignmentReason reason, Priority priority, Duration sinceCreated) {
        afterCommit(() -> {
            Counter.builder("routing.assignments").description("Tickets assigned, by reason")
                    .tag("reason", reason.name()).register(registry).increment();
            if (sinceCreated != null) {
                assignmentDuration.get(priority).record(sinceCreated.isNegative() ? Duration.ZERO : sinceCreated);
            }
        });
    }

    public void queued(Priority priority) {
        afterCommit(() -> Counter.builder("routing.queued").description("Tickets put in the queue")
                .tag("priority", priority.name()).register(registry).increment());
    }

    /** An escalation found nobody to take the ticket: no higher-tier agent and no supervisor with room. */
    public void escalationUnmet() {
        afterCommit(() -> Counter.builder("routing.escalations.unmet")
                .description("Escalations that found no higher-tier agent or supervisor with room")
                .register(registry).increment());
    }

    private void afterCommit(Runnable action) {
        afterCommit.run(action);
    }
}
