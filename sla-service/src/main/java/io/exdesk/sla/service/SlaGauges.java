package io.exdesk.sla.service;

import io.exdesk.events.Priority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sla_open_clocks} (running or paused) and {@code sla_at_risk_tickets} (an open clock past its
 * first warning, or breached) by priority, counted from the database every few seconds so they hold
 * across instances and restarts.
 */
@Singleton
public class SlaGauges {

    private final EntityManager em;
    private final Map<Priority, AtomicLong> open = new EnumMap<>(Priority.class);
    private final Map<Priority, AtomicLong> atRisk = new EnumMap<>(Priority.class);

    public SlaGauges(EntityManager em, MeterRegistry registry) {
        this.em = em;
        for (Priority priority : Priority.values()) {
            open.put(priority, new AtomicLong());
            atRisk.put(priority, new AtomicLong());
            Gauge.builder("sla.open.clocks", open.get(priority), AtomicLong::get)
                    .description("SLA clocks running or paused").tag("priority", priority.name()).register(registry);
            Gauge.builder("sla.at.risk.tickets", atRisk.get(priority), AtomicLong::get)
                    .description("Open tickets past the first SLA warning").tag("priority", priority.name())
                    .register(registry);
        }
    }

    // The interval is SlaConfig.Gauges.refresh; an annotation can only name the property, so its default is repeated.
    @Scheduled(every = "${sla.gauges.refresh:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    @SuppressWarnings("unchecked")
    void refresh() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.priority,
                       count(*),
                       count(DISTINCT t.ticket_id) FILTER (WHERE c.warnings_emitted > 0 OR c.breached)
                FROM sla_clock c JOIN sla_ticket t ON t.ticket_id = c.ticket_id
                WHERE c.state IN ('RUNNING', 'PAUSED')
                GROUP BY t.priority""").getResultList();
        open.values().forEach(count -> count.set(0));
        atRisk.values().forEach(count -> count.set(0));
        for (Object[] row : rows) {
            Priority priority = Priority.valueOf((String) row[0]);
            open.get(priority).set(((Number) row[1]).longValue());
            atRisk.get(priority).set(((Number) row[2]).longValue());
        }
    }
}
