package io.exdesk.notification.delivery;

import io.exdesk.notification.config.NotificationConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The state changes of deliveries, each in its own short transaction. A claim leases due deliveries
 * by moving their {@code next_attempt_at} one lease ahead and counting the attempt, so a worker that
 * dies mid-send leaves them to be taken again when the lease runs out. The attempt count is the fence
 * of the outcome: an outcome for an attempt that is no longer current changes nothing.
 */
@Singleton
public class DeliveryStore {

    private final EntityManager em;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final NotificationConfig.Delivery config;

    public DeliveryStore(EntityManager em, Clock clock, DeliveryMetrics metrics, NotificationConfig config) {
        this.em = em;
        this.clock = clock;
        this.metrics = metrics;
        this.config = config.delivery();
    }

    /** Leases up to {@code limit} due deliveries of the channel, oldest due first; several instances never share one. */
    @SuppressWarnings("unchecked")
    public List<Delivery> claim(DeliveryChannel channel, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<Delivery> due = em.createNativeQuery("""
                            SELECT * FROM delivery WHERE status = 'PENDING' AND channel = ?1 AND next_attempt_at <= ?2
                            ORDER BY next_attempt_at LIMIT ?3 FOR UPDATE SKIP LOCKED""", Delivery.class)
                    .setParameter(1, channel.name())
                    .setParameter(2, Timestamp.from(now))
                    .setParameter(3, limit)
                    .getResultList();
            for (Delivery delivery : due) {
                delivery.attempts++;
                delivery.nextAttemptAt = now.plus(config.lease());
            }
            return due;
        });
    }

    /** When the channel's next delivery falls due, if any is pending. */
    public Instant nextDue(DeliveryChannel channel) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object min = em.createNativeQuery(
                            "SELECT min(next_attempt_at) FROM delivery WHERE status = 'PENDING' AND channel = ?1")
                    .setParameter(1, channel.name())
                    .getSingleResult();
            return min == null ? null : min instanceof Timestamp t ? t.toInstant() : (Instant) min;
        });
    }

    public void sent(Delivery delivery) {
        Instant now = clock.instant();
        if (update(delivery, "status = 'SENT', sent_at = ?3, next_attempt_at = NULL, last_error = NULL", now) == 1) {
            metrics.sent(delivery.channel, Duration.between(delivery.occurredAt, now));
        }
    }

    /** Schedules the next attempt with backoff and jitter, or dead-letters once the limit is reached or the failure is final. */
    public void failed(Delivery delivery, DeliveryFailure failure) {
        String error = abbreviate(failure.getMessage());
        if (failure.retryable() && delivery.attempts < config.maxAttempts()) {
            Instant next = clock.instant().plus(failure.retryAfter().orElseGet(() -> backoff(delivery.attempts)));
            if (update(delivery, "next_attempt_at = ?3, last_error = ?4", next, error) == 1) {
                metrics.retried(delivery.channel);
            }
        } else if (update(delivery, "status = 'DEAD', next_attempt_at = NULL, last_error = ?3", error) == 1) {
            metrics.dead(delivery.channel);
        }
    }

    /** Exponential from the initial backoff, capped, with "equal jitter": half fixed, half random. */
    Duration backoff(int attempts) {
        Duration exponential = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        Duration capped = exponential.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : exponential;
        long half = capped.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private int update(Delivery delivery, String set, Object... values) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery("UPDATE delivery SET " + set
                            + " WHERE id = ?1 AND attempts = ?2 AND status = 'PENDING'")
                    .setParameter(1, delivery.id)
                    .setParameter(2, delivery.attempts);
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                query.setParameter(i + 3, value instanceof Instant instant ? Timestamp.from(instant) : value);
            }
            return query.executeUpdate();
        });
    }

    private static String abbreviate(String text) {
        return text == null ? "unknown error" : text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
