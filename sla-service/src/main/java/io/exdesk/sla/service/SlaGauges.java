package io.exdesk.sla.service;

import io.exdesk.events.Priority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
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
 * first warning, or breached) by priority, and {@code sla_at_risk_due_timestamp_seconds}: the due time of
 * each running clock past a warning and not yet breached (the ones that can still be saved), one series
 * per ticket and clock for the {@value #AT_RISK_LISTED} due soonest. Counted from the database every few
 * seconds so they hold across instances and restarts.
 */
@Singleton
public class SlaGauges {

    /** A series per ticket is only affordable for a short list: enough for a dashboard table to act on. */
    static final int AT_RISK_LISTED = 20;

    private final EntityManager em;
    private final Map<Priority, AtomicLong> open = new EnumMap<>(Priority.class);
    private final Map<Priority, AtomicLong> atRisk = new EnumMap<>(Priority.class);
    private final MultiGauge atRiskDue;

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
        atRiskDue = MultiGauge.builder("sla.at.risk.due.timestamp.seconds")
                .description("Due time (Unix seconds) of a running SLA clock past a warning and not breached, the "
                        + AT_RISK_LISTED + " due soonest")
                .register(registry);
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
        List<Object[]> dueSoonest = em.createNativeQuery("""
                SELECT coalesce(t.ticket_number, t.ticket_id::text), t.priority, t.customer_tier, c.clock,
                       extract(epoch FROM c.due_at)
                FROM sla_clock c JOIN sla_ticket t ON t.ticket_id = c.ticket_id
                WHERE c.state = 'RUNNING' AND c.warnings_emitted > 0 AND NOT c.breached
                ORDER BY c.due_at LIMIT :listed""").setParameter("listed", AT_RISK_LISTED).getResultList();
        // overwrite: a ticket answered, breached or pushed off the list since the last round loses its series.
        atRiskDue.register(dueSoonest.stream().map(row -> MultiGauge.Row.of(
                Tags.of("ticket", (String) row[0], "priority", (String) row[1], "tier", (String) row[2],
                        "clock", (String) row[3]),
                (Number) row[4])).toList(), true);
    }
}
