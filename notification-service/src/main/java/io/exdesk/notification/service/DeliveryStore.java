package io.exdesk.notification.service;

import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The state changes of deliveries. A channel's worker works in rounds, each one short transaction
 * (one commit for many deliveries): it records the outcomes of the attempts that finished since the
 * last round, then leases due deliveries by moving their {@code next_attempt_at} one lease ahead and
 * counting the attempt, so a worker that dies mid-send leaves them to be taken again when the lease
 * runs out. The attempt count is the fence of an outcome: an outcome for an attempt that is no
 * longer current changes nothing.
 */
@Singleton
public class DeliveryStore {

    private static final Logger LOG = Logger.getLogger(DeliveryStore.class);

    /** What became of one attempt, and when: sent when {@code failure} is null. */
    public record Outcome(Delivery delivery, Instant at, DeliveryFailure failure) {
    }

    /** What a round leased, and when the channel's next pending delivery falls due (null if none or not asked). */
    public record Round(List<Delivery> claimed, Instant nextDue) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final NotificationConfig.Delivery config;
    private final int callbackMaxAttempts;
    /** Callbacks leased and not finished per subscription: max-in-flight sending and as many waiting to follow at once. */
    private final int callbackMaxLeased;

    public DeliveryStore(EntityManager em, Clock clock, DeliveryMetrics metrics, NotificationConfig config) {
        this.em = em;
        this.clock = clock;
        this.metrics = metrics;
        this.config = config.delivery();
        this.callbackMaxAttempts = config.callbacks().maxAttempts();
        this.callbackMaxLeased = 2 * config.callbacks().maxInFlight();
    }

    /**
     * One round of a channel's worker: records {@code finished}, then leases up to {@code limit} due
     * deliveries of the channel, oldest due first (several instances never share one). When fewer than
     * {@code limit} were due, it also tells when the next one falls due. Metrics count an outcome only
     * once its transaction has committed. {@code inFlight}: the worker's leased, unfinished deliveries per
     * recipient, which caps what a round leases per callback subscription ({@link #leaseCallbacks}).
     */
    @SuppressWarnings("unchecked")
    public Round round(DeliveryChannel channel, List<Outcome> finished, int limit, Map<String, Integer> inFlight) {
        List<Runnable> counted = new ArrayList<>(finished.size());
        Round round = QuarkusTransaction.requiringNew().call(() -> {
            for (Outcome outcome : finished) {
                counted.add(record(outcome));
            }
            if (limit <= 0) {
                return new Round(List.of(), null);
            }
            Instant now = clock.instant();
            counted.addAll(expireAwaitedProfiles(channel, now));
            if (channel == DeliveryChannel.CALLBACK) {
                List<String> full = saturated(inFlight);
                List<Delivery> due = leaseCallbacks(now, limit, inFlight, full);
                return new Round(due, due.size() < limit ? nextDue(channel, full) : null);
            }
            // One statement leases the lot: the row locks skip what another instance is leasing.
            List<Delivery> due = em.createNativeQuery("""
                            UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?3
                            WHERE id IN (SELECT id FROM delivery d
                                         WHERE status = 'PENDING' AND channel = ?1 AND next_attempt_at <= ?2
                                           AND address IS NOT NULL
                                         %s
                                         ORDER BY next_attempt_at LIMIT ?4 FOR UPDATE SKIP LOCKED)
                            RETURNING *""".formatted(headOfTicket(channel)), Delivery.class)
                    .setParameter(1, channel.name())
                    .setParameter(2, Timestamp.from(now))
                    .setParameter(3, Timestamp.from(now.plus(config.lease())))
                    .setParameter(4, limit)
                    .getResultList();
            return new Round(due, due.size() < limit ? nextDue(channel, List.of()) : null);
        });
        counted.forEach(Runnable::run);
        return round;
    }

    /**
     * Leases due callbacks, at most twice {@code notification.callbacks.max-in-flight} per subscription: that many
     * sending, as many waiting in the worker to go the moment one of them finishes, without waiting for a round
     * ({@link DeliveryWorker}). A slow receiver so holds max-in-flight of the worker's slots (the waiting ones hold
     * none) and the others keep flowing. The candidates are the due heads of the subscriptions that have room,
     * oldest first and locked; as many as each subscription has room for are leased. A subscription that fills
     * up is left out of the next round's candidates, so however many callbacks a slow receiver has due, they
     * never crowd out another's.
     */
    @SuppressWarnings("unchecked")
    private List<Delivery> leaseCallbacks(Instant now, int limit, Map<String, Integer> inFlight, List<String> full) {
        List<Object[]> candidates = excluding(em.createNativeQuery("""
                        SELECT id, recipient FROM delivery d
                        WHERE status = 'PENDING' AND channel = 'CALLBACK' AND next_attempt_at <= :now
                          AND address IS NOT NULL %s %s
                        ORDER BY next_attempt_at LIMIT :candidates FOR UPDATE SKIP LOCKED"""
                        .formatted(full.isEmpty() ? "" : "AND recipient NOT IN (:full)", headOfTicket(DeliveryChannel.CALLBACK))), full)
                .setParameter("now", Timestamp.from(now))
                .setParameter("candidates", limit * 4)
                .getResultList();
        Map<String, Integer> taken = new HashMap<>(inFlight);
        List<Object> ids = new ArrayList<>();
        for (Object[] candidate : candidates) {
            if (ids.size() == limit) {
                break;
            }
            if (taken.merge((String) candidate[1], 1, Integer::sum) <= callbackMaxLeased) {
                ids.add(candidate[0]);
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("""
                        UPDATE delivery SET attempts = attempts + 1, next_attempt_at = :lease WHERE id IN (:ids)
                        RETURNING *""", Delivery.class)
                .setParameter("lease", Timestamp.from(now.plus(config.lease())))
                .setParameter("ids", ids)
                .getResultList();
    }

    private static Query excluding(Query query, List<String> full) {
        return full.isEmpty() ? query : query.setParameter("full", full);
    }

    private List<String> saturated(Map<String, Integer> inFlight) {
        return inFlight.entrySet().stream().filter(entry -> entry.getValue() >= callbackMaxLeased)
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Deliveries that waited for their agent's profile ({@link AwaitedProfiles}) until the wait ran out are dead,
     * with the reason; the metric to count after commit for each.
     */
    @SuppressWarnings("unchecked")
    private List<Runnable> expireAwaitedProfiles(DeliveryChannel channel, Instant now) {
        if (channel.orderedPerTicket()) {
            return List.of(); // callbacks always have their subscription's address
        }
        List<Object[]> expired = em.createNativeQuery("""
                        UPDATE delivery SET status = 'DEAD', next_attempt_at = NULL, message_model = NULL,
                               last_error = 'no profile of ' || replace(recipient, ':', ' ')
                                            || ' came from the agent directory within ' || ?3
                        WHERE status = 'PENDING' AND address IS NULL AND channel = ?1 AND next_attempt_at <= ?2
                        RETURNING id, rule, ticket_id""")
                .setParameter(1, channel.name())
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, config.profileWait().toString())
                .getResultList();
        List<Runnable> counted = new ArrayList<>(expired.size());
        for (Object[] row : expired) {
            LOG.warnf("Delivery %s (%s, ticket %s, %s to an agent) is dead: their profile did not come within %s; "
                    + "the delivery log has the reason", row[0], row[1], row[2], channel, config.profileWait());
            counted.add(() -> metrics.dead(channel));
        }
        return counted;
    }

    /** Leases up to {@code limit} due deliveries of the channel (a round that records nothing). */
    public List<Delivery> claim(DeliveryChannel channel, int limit) {
        return round(channel, List.of(), limit, Map.of()).claimed();
    }

    /**
     * When the next delivery of the channel falls due, leaving out recipients that have no room ({@code full}).
     * The first in due order, not {@code min()}: that walks the due index and stops at the first head of its
     * ticket, where {@code min()} made PostgreSQL anti-join every pending delivery with the others of its
     * ticket, 127 ms a round with 8,000 callbacks pending (0.2 ms now), which kept a backlog from draining.
     */
    @SuppressWarnings("unchecked")
    private Instant nextDue(DeliveryChannel channel, List<String> full) {
        List<Object> first = excluding(em.createNativeQuery(
                        "SELECT next_attempt_at FROM delivery d WHERE status = 'PENDING' AND channel = :channel "
                                + (full.isEmpty() ? "" : "AND recipient NOT IN (:full) ") + headOfTicket(channel)
                                + " ORDER BY next_attempt_at LIMIT 1"), full)
                .setParameter("channel", channel.name())
                .getResultList();
        Object due = first.isEmpty() ? null : first.get(0);
        return due == null ? null : due instanceof Timestamp t ? t.toInstant() : (Instant) due;
    }

    /**
     * On a channel ordered per ticket, only the oldest pending delivery of each (recipient, ticket) may
     * go: a later one waits, whatever its due time, until the earlier is sent or dead (row locks are
     * not enough, as the earlier one may be backing off unlocked).
     */
    private static String headOfTicket(DeliveryChannel channel) {
        return channel.orderedPerTicket() ? """
                AND NOT EXISTS (SELECT 1 FROM delivery e WHERE e.status = 'PENDING' AND e.channel = d.channel
                                AND e.recipient = d.recipient AND e.ticket_id = d.ticket_id AND e.seq < d.seq)"""
                : "";
    }

    /**
     * On a channel ordered per ticket, the later deliveries of the same recipient and ticket cannot go before
     * a failed one, so they are not due before its next attempt either (a new one is recorded due no earlier
     * than the pending one before it): a backlog behind an endpoint that is down is then not scanned by every
     * round of the worker, and other recipients' deliveries do not wait behind that scan. Once the earlier one
     * is sent or dead they are due at once.
     */
    private void holdFollowers(Delivery head, Instant next, String which) {
        if (!head.channel.orderedPerTicket()) {
            return;
        }
        em.createNativeQuery("""
                        UPDATE delivery SET next_attempt_at = ?1
                        WHERE recipient = ?2 AND ticket_id = ?3 AND channel = ?4 AND status = 'PENDING' AND seq > ?5
                          AND\s""" + which)
                .setParameter(1, Timestamp.from(next))
                .setParameter(2, head.recipient)
                .setParameter(3, head.ticketId)
                .setParameter(4, head.channel.name())
                .setParameter(5, head.seq)
                .executeUpdate();
    }

    private void releaseFollowers(Delivery head, Instant at) {
        holdFollowers(head, at, "next_attempt_at > ?1");
    }

    private int maxAttempts(DeliveryChannel channel) {
        return channel == DeliveryChannel.CALLBACK ? callbackMaxAttempts : config.maxAttempts();
    }

    /**
     * Sent; or failed: the next attempt is scheduled with backoff and jitter, or the delivery is dead
     * once the limit is reached or the failure is final. Returns the metric to count after commit.
     */
    private Runnable record(Outcome outcome) {
        Delivery delivery = outcome.delivery();
        DeliveryFailure failure = outcome.failure();
        Runnable nothing = () -> { };
        if (failure == null) {
            Duration sinceEvent = Duration.between(delivery.occurredAt, outcome.at());
            if (update(delivery, "status = 'SENT', sent_at = ?3, next_attempt_at = NULL, last_error = NULL", outcome.at()) != 1) {
                return nothing;
            }
            releaseFollowers(delivery, outcome.at());
            return () -> metrics.sent(delivery, sinceEvent);
        }
        String error = abbreviate(failure.getMessage());
        if (failure.retryable() && delivery.attempts < maxAttempts(delivery.channel)) {
            Instant next = outcome.at().plus(failure.retryAfter().orElseGet(() -> backoff(delivery.attempts)));
            if (update(delivery, "next_attempt_at = ?3, last_error = ?4", next, error) != 1) {
                return nothing;
            }
            holdFollowers(delivery, next, "next_attempt_at < ?1");
            return () -> metrics.retried(delivery);
        }
        if (update(delivery, "status = 'DEAD', next_attempt_at = NULL, last_error = ?3", error) != 1) {
            return nothing;
        }
        releaseFollowers(delivery, outcome.at());
        return () -> metrics.dead(delivery);
    }

    /** Exponential from the initial backoff, capped, with "equal jitter": half fixed, half random. */
    Duration backoff(int attempts) {
        Duration exponential = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        Duration capped = exponential.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : exponential;
        long half = capped.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private int update(Delivery delivery, String set, Object... values) {
        var query = em.createNativeQuery("UPDATE delivery SET " + set
                        + " WHERE id = ?1 AND attempts = ?2 AND status = 'PENDING'")
                .setParameter(1, delivery.id)
                .setParameter(2, delivery.attempts);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            query.setParameter(i + 3, value instanceof Instant instant ? Timestamp.from(instant) : value);
        }
        return query.executeUpdate();
    }

    private static String abbreviate(String text) {
        return text == null ? "unknown error" : text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
