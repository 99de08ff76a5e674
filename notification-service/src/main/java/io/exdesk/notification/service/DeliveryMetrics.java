package io.exdesk.notification.service;

import io.exdesk.notification.domain.CallbackType;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code notification_deliveries_total} by channel and outcome ({@code sent}, {@code retried},
 * {@code dead}), {@code notification_delivery_duration_seconds} from the event's occurredAt to sent,
 * and {@code notification_deliveries_pending} by channel, counted from the database so it holds
 * across instances and restarts. Callbacks (channel {@code callback}) are also counted by type in
 * {@code notification_callbacks_total}, and {@code notification_callbacks_oldest_pending_seconds} tells
 * how long the oldest owed one has waited.
 */
@Singleton
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final EntityManager em;
    private final Map<DeliveryChannel, AtomicLong> pending = new EnumMap<>(DeliveryChannel.class);
    private final Map<DeliveryChannel, Timer> duration = new EnumMap<>(DeliveryChannel.class);
    private final AtomicLong oldestCallbackMillis = new AtomicLong();
    private final Clock clock;

    public DeliveryMetrics(MeterRegistry registry, EntityManager em, Clock clock) {
        this.registry = registry;
        this.em = em;
        this.clock = clock;
        Gauge.builder("notification.callbacks.oldest.pending", oldestCallbackMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest callback owed and not yet sent or dead; 0 when none")
                .baseUnit("seconds").register(registry);
        for (CallbackType type : CallbackType.values()) {
            for (String outcome : List.of("sent", "retried", "dead")) {
                callbackCounter(type.typeName(), outcome);
            }
        }
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

    void sent(Delivery delivery, Duration sinceEvent) {
        counter(delivery.channel, "sent").increment();
        duration.get(delivery.channel).record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
        callback(delivery, "sent");
    }

    void retried(Delivery delivery) {
        counter(delivery.channel, "retried").increment();
        callback(delivery, "retried");
    }

    void dead(Delivery delivery) {
        dead(delivery.channel);
        callback(delivery, "dead");
    }

    public void dead(DeliveryChannel channel) {
        counter(channel, "dead").increment();
    }

    /** Callbacks are also counted by type ({@code notification_callbacks_total{type, outcome}}). */
    private void callback(Delivery delivery, String outcome) {
        if (delivery.channel == DeliveryChannel.CALLBACK) {
            callbackCounter(delivery.rule, outcome).increment();
        }
    }

    private io.micrometer.core.instrument.Counter callbackCounter(String type, String outcome) {
        return registry.counter("notification.callbacks", "type", type, "outcome", outcome);
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
        Object oldest = em.createNativeQuery(
                "SELECT min(created_at) FROM delivery WHERE status = 'PENDING' AND channel = 'CALLBACK'").getSingleResult();
        Instant since = oldest == null ? null : oldest instanceof Timestamp t ? t.toInstant() : (Instant) oldest;
        oldestCallbackMillis.set(since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis()));
    }

    private io.micrometer.core.instrument.Counter counter(DeliveryChannel channel, String outcome) {
        return registry.counter("notification.deliveries", "channel", tag(channel), "outcome", outcome);
    }

    private static String tag(DeliveryChannel channel) {
        return channel.name().toLowerCase();
    }
}
