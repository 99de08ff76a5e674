package io.exdesk.sla.service;

import io.exdesk.platform.concurrent.BackgroundLoop;
import io.exdesk.sla.config.SlaConfig;
import io.exdesk.sla.domain.SlaTicket;
import io.exdesk.sla.domain.TicketClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Fires SLA timers at their instant. One thread per instance sleeps until the earliest
 * {@code next_fire_at} in the database (or a wake-up after a commit changed clocks, or one second,
 * whichever comes first), then takes the due clocks with {@code FOR UPDATE SKIP LOCKED} and fires
 * them in a transaction with their events. Nothing lives only in memory: after a restart the loop
 * finds what fell due meanwhile and fires it at once; several instances never fire one clock twice.
 */
@Singleton
public class SlaTimer extends BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(SlaTimer.class);
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);
    private static final int BATCH = 500;

    private final SlaClockService clocks;
    private final EntityManager em;
    private final SlaTimerSignal signal;
    private final Clock clock;
    private final boolean enabled;
    private final SlaMetrics metrics;

    public SlaTimer(SlaClockService clocks, EntityManager em, SlaTimerSignal signal, Clock clock, SlaMetrics metrics,
                    SlaConfig config) {
        super("sla-timer", signal);
        this.clocks = clocks;
        this.em = em;
        this.signal = signal;
        this.clock = clock;
        this.metrics = metrics;
        this.enabled = config.timer().enabled();
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    protected void runOnce() throws InterruptedException {
        try {
            if (fireDue() == BATCH) {
                return;
            }
            Instant next = earliest();
            Duration sleep = next == null ? MAX_SLEEP : Duration.between(clock.instant(), next);
            signal.await(sleep.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : sleep);
        } catch (RuntimeException e) {
            LOG.warnf("SLA timers failed, retrying in 1 s: %s", e.toString());
            signal.await(MAX_SLEEP);
        }
    }

    @SuppressWarnings("unchecked")
    private int fireDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<TicketClock> due = em.createNativeQuery("""
                            SELECT * FROM sla_clock WHERE next_fire_at <= ?1
                            ORDER BY next_fire_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", TicketClock.class)
                    .setParameter(1, Timestamp.from(now))
                    .setParameter(2, BATCH)
                    .getResultList();
            if (!due.isEmpty()) {
                // One query for the batch's tickets instead of one per clock: fire() then finds them loaded.
                SlaTicket.list("ticketId in ?1", due.stream().map(c -> c.key.ticketId()).distinct().toList());
            }
            for (TicketClock c : due) {
                metrics.fired(Duration.between(c.nextFireAt, now));
                clocks.fire(c, now);
            }
            return due.size();
        });
    }

    private Instant earliest() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object min = em.createNativeQuery("SELECT min(next_fire_at) FROM sla_clock WHERE next_fire_at IS NOT NULL")
                    .getSingleResult();
            return min == null ? null : min instanceof Timestamp t ? t.toInstant() : (Instant) min;
        });
    }
}
