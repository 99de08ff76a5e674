package io.exdesk.notification.service;

import io.exdesk.notification.domain.DeliveryChannel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code notification_deliveries_total} by channel and outcome ({@code sent}, {@code retried},
 * {@code dead}), {@code notification_delivery_duration_seconds} from the event's occurredAt to sent,
 * and {@code notification_deliveries_pending} by channel, counted from the database so it holds
 * across instances and restarts.
 */
@Singleton
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final EntityManager em;
    private final Map<DeliveryChannel, AtomicLong> pending = new EnumMap<>(DeliveryChannel.class);
    private final Map<DeliveryChannel, Timer> duration = new EnumMap<>(DeliveryChannel.class);

    public DeliveryMetrics(MeterRegistry registry, EntityManager em) {
        this.registry = registry;
        this.em = em;
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            pending.put(channel, new AtomicLong());
            Gauge.builder("notification.deliveries.pending", pending.get(channel), AtomicLong::get)
                    .description("Deliveries owed and not yet sent or dead").tag("channel", tag(channel)).register(registry);
            duration.put(channel, Timer.builder("notification.delivery.duration")
                    .description("From the event's occurredAt to the delivery being sent")
                    .tag("channel", tag(channel))
                    .publishPercentileHistogram()
                    .register(registry));
            for (String outcome : List.of("sent", "retried", "dead")) {
                counter(channel, outcome);
            }
        }
    }

    void sent(DeliveryChannel channel, Duration sinceEvent) {
        counter(channel, "sent").increment();
        duration.get(channel).record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    void retried(DeliveryChannel channel) {
        counter(channel, "retried").increment();
    }

    public void dead(DeliveryChannel channel) {
        counter(channel, "dead").increment();
    }

    /**
     * Counts the pending deliveries. Skipped unless the application is running: during a stop the
     * scheduler can still fire while the datasource and the beans are being torn down, and that
     * query would fail and be logged as an error of a clean shutdown.
     */
    @Scheduled(every = "${notification.gauges.refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    @SuppressWarnings("unchecked")
    void refresh() {
        List<Object[]> rows = em.createNativeQuery(
                "SELECT channel, count(*) FROM delivery WHERE status = 'PENDING' GROUP BY channel").getResultList();
        pending.values().forEach(count -> count.set(0));
        for (Object[] row : rows) {
            pending.get(DeliveryChannel.valueOf((String) row[0])).set(((Number) row[1]).longValue());
        }
    }

    private io.micrometer.core.instrument.Counter counter(DeliveryChannel channel, String outcome) {
        return registry.counter("notification.deliveries", "channel", tag(channel), "outcome", outcome);
    }

    private static String tag(DeliveryChannel channel) {
        return channel.name().toLowerCase();
    }
}
