package io.exdesk.routing.service;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.routing.domain.AgentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code routing_queue_depth} by category and priority, {@code routing_queue_oldest_seconds} (how long the
 * oldest queued ticket has waited since its creation, 0 when none waits) by priority,
 * {@code routing_agent_utilisation} (open tickets over capacity of agents not offline) by tier and
 * {@code routing_agents} by status, counted from the database every few seconds so they hold across instances.
 */
@Singleton
public class RoutingGauges {

    private final EntityManager em;
    private final Clock clock;
    private final Map<String, AtomicLong> queueDepth = new HashMap<>();
    private final Map<Priority, double[]> oldestQueued = new EnumMap<>(Priority.class);
    private final Map<AgentTier, double[]> utilisation = new EnumMap<>(AgentTier.class);
    private final Map<AgentStatus, AtomicLong> agents = new EnumMap<>(AgentStatus.class);

    public RoutingGauges(EntityManager em, MeterRegistry registry, Clock clock) {
        this.em = em;
        this.clock = clock;
        for (Category category : Category.values()) {
            for (Priority priority : Priority.values()) {
                AtomicLong depth = new AtomicLong();
                queueDepth.put(category + ":" + priority, depth);
                Gauge.builder("routing.queue.depth", depth, AtomicLong::get).description("Tickets waiting for an agent")
                        .tag("category", category.name()).tag("priority", priority.name()).register(registry);
            }
        }
        for (Priority priority : Priority.values()) {
            double[] age = new double[1];
            oldestQueued.put(priority, age);
            Gauge.builder("routing.queue.oldest.seconds", age, v -> v[0])
                    .description("Seconds the oldest ticket waiting for an agent has waited since its creation (0 when none waits)")
                    .tag("priority", priority.name()).register(registry);
        }
        for (AgentTier tier : AgentTier.values()) {
            double[] value = new double[1];
            utilisation.put(tier, value);
            Gauge.builder("routing.agent.utilisation", value, v -> v[0])
                    .description("Open tickets over capacity of the agents who are not offline (0..1)")
                    .tag("tier", tier.name()).register(registry);
        }
        for (AgentStatus status : AgentStatus.values()) {
            AtomicLong count = new AtomicLong();
            agents.put(status, count);
            Gauge.builder("routing.agents", count, AtomicLong::get).description("Agents by availability")
                    .tag("status", status.name()).register(registry);
        }
    }

    // The scheduler keeps firing until it is destroyed, which is after the persistence unit has closed: a round
    // started then fails (Session/EntityManager is closed) and is logged as an ERROR. None starts once shutdown begins.
    @Scheduled(every = "${routing.gauges.refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    @SuppressWarnings("unchecked")
    void refresh() {
        List<Object[]> queued = em.createNativeQuery("""
                SELECT category, priority, count(*) FROM routed_ticket WHERE state = 'QUEUED'
                GROUP BY category, priority""").getResultList();
        queueDepth.values().forEach(depth -> depth.set(0));
        for (Object[] row : queued) {
            queueDepth.get(row[0] + ":" + row[1]).set(((Number) row[2]).longValue());
        }
        List<Object[]> oldest = em.createNativeQuery("""
                SELECT priority, extract(epoch FROM min(created_at)) FROM routed_ticket WHERE state = 'QUEUED'
                GROUP BY priority""").getResultList();
        double now = clock.millis() / 1000.0;
        oldestQueued.values().forEach(v -> v[0] = 0);
        for (Object[] row : oldest) {
            oldestQueued.get(Priority.valueOf((String) row[0]))[0] = Math.max(0, now - ((Number) row[1]).doubleValue());
        }
        List<Object[]> load = em.createNativeQuery("""
                SELECT tier, sum(open_tickets), sum(capacity) FROM agent WHERE status <> 'OFFLINE' GROUP BY tier""")
                .getResultList();
        utilisation.values().forEach(v -> v[0] = 0);
        for (Object[] row : load) {
            double capacity = ((Number) row[2]).doubleValue();
            utilisation.get(AgentTier.valueOf((String) row[0]))[0] =
                    capacity == 0 ? 0 : ((Number) row[1]).doubleValue() / capacity;
        }
        List<Object[]> statuses = em.createNativeQuery("SELECT status, count(*) FROM agent GROUP BY status")
                .getResultList();
        agents.values().forEach(count -> count.set(0));
        for (Object[] row : statuses) {
            agents.get(AgentStatus.valueOf((String) row[0])).set(((Number) row[1]).longValue());
        }
    }
}
