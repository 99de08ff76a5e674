package io.exdesk.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.CloudEvents;
import io.exdesk.platform.concurrent.BackgroundLoop;
import io.exdesk.platform.config.PlatformConfig;
import io.exdesk.platform.messaging.EventProducer;
import io.exdesk.platform.messaging.KafkaHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in commit order and marks them published.
 *
 * <p>One thread per service instance. It is woken by {@link OutboxSignal} when a transaction with
 * outbox rows commits and polls every {@code exdesk.outbox.poll-interval} as a safety net (rows
 * written by another instance, or left by a failed attempt). Each batch runs in one transaction:
 * select with {@code FOR UPDATE SKIP LOCKED}, send, wait for every broker acknowledgement, mark.
 * If anything fails the transaction rolls back and the rows are sent again later, so delivery is
 * at least once; consumers deduplicate by {@code ce_id}. A graceful stop finishes its batch first.
 *
 * <p>Several instances share the table. A transaction-scoped advisory lock lets one of them publish
 * at a time: with only SKIP LOCKED two instances could publish two events of one ticket out of
 * order; the lock costs nothing when there is one instance.
 */
@Singleton
public class OutboxRelay extends BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK_KEY = 0x45584445534b4f42L; // "EXDESKOB"
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(10);
    private static final Duration PENDING_REFRESH = Duration.ofSeconds(1);

    private static final String SELECT_BATCH = """
            SELECT seq, event_id, topic, event_key, event_type, payload, occurred_at, created_at
            FROM outbox_event
            WHERE published_at IS NULL
            ORDER BY seq
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    private final AgroalDataSource dataSource;
    private final EventProducer producer;
    private final OutboxSignal signal;
    private final PlatformConfig.Outbox config;
    private final PlatformConfig.Consumer consumerConfig;
    private final Clock clock;
    private final String source;
    private final Timer lag;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();

    private Duration backoff = Duration.ZERO;
    private Instant nextCleanup = Instant.MIN;
    private Instant nextPendingRefresh = Instant.MIN;

    public OutboxRelay(AgroalDataSource dataSource, EventProducer producer, OutboxSignal signal,
                       PlatformConfig config, Clock clock, MeterRegistry registry,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        super("outbox-relay", signal);
        this.dataSource = dataSource;
        this.producer = producer;
        this.signal = signal;
        this.config = config.outbox();
        this.consumerConfig = config.consumer();
        this.clock = clock;
        this.source = CloudEvents.source(applicationName);
        this.lag = Timer.builder("outbox.publish.lag")
                .description("Time from writing an outbox row to the broker acknowledging it")
                .publishPercentileHistogram()
                .register(registry);
        this.failures = Counter.builder("outbox.publish.failures")
                .description("Outbox batches that failed to publish and will be retried")
                .register(registry);
        registry.gauge("outbox.pending.events", pending);
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    protected void runOnce() throws InterruptedException {
        try {
            signal.await(backoff.isZero() ? config.pollInterval() : backoff);
            if (!isRunning()) {
                return;
            }
            int published;
            do {
                published = publishBatch();
            } while (isRunning() && published == config.batchSize());
            backoff = Duration.ZERO;
            housekeeping();
        } catch (RuntimeException e) {
            failures.increment();
            producer.reset();
            backoff = backoff.isZero() ? config.pollInterval() : min(backoff.multipliedBy(2), MAX_BACKOFF);
            LOG.warnf("Outbox publishing failed, retrying in %s: %s", backoff, rootMessage(e));
            recordFailure(e);
        }
    }

    /** Publishes up to one batch; returns how many rows it published. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!tryAdvisoryLock(connection)) {
                    return 0; // another instance is publishing
                }
                List<Long> sequence = new ArrayList<>();
                List<Instant> written = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(SELECT_BATCH)) {
                    select.setInt(1, config.batchSize());
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            sequence.add(rs.getLong(1));
                            written.add(rs.getTimestamp(8).toInstant());
                            acks.add(producer.send(record(rs)));
                        }
                    }
                }
                if (acks.isEmpty()) {
                    return 0;
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
                markPublished(connection, sequence);
                Instant now = clock.instant();
                written.forEach(at -> lag.record(Duration.between(at, now)));
                return acks.size();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not acknowledge an outbox event", e.getCause());
            }
        });
    }

    private ProducerRecord<String, byte[]> record(ResultSet rs) throws SQLException {
        String key = rs.getString(4);
        CloudEventHeaders headers = new CloudEventHeaders(rs.getObject(2, UUID.class), rs.getString(5), source,
                rs.getTimestamp(7).toInstant(), key);
        return new ProducerRecord<>(rs.getString(3), null, key,
                rs.getString(6).getBytes(StandardCharsets.UTF_8), KafkaHeaders.of(headers));
    }

    private static boolean tryAdvisoryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, ADVISORY_LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void markPublished(Connection connection, List<Long> sequence) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET published_at = ? WHERE seq = ANY(?)")) {
            Array ids = connection.createArrayOf("bigint", sequence.toArray());
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setArray(2, ids);
            update.executeUpdate();
        }
    }

    /** Counts the backlog for the gauge and deletes what is past its retention. */
    private void housekeeping() {
        Instant now = clock.instant();
        if (now.isAfter(nextPendingRefresh)) {
            nextPendingRefresh = now.plus(PENDING_REFRESH);
            pending.set(countPending());
        }
        if (now.isAfter(nextCleanup)) {
            nextCleanup = now.plus(CLEANUP_INTERVAL);
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement outbox = connection.prepareStatement(
                             "DELETE FROM outbox_event WHERE published_at < ?");
                     PreparedStatement processed = connection.prepareStatement(
                             "DELETE FROM processed_event WHERE processed_at < ?")) {
                    outbox.setTimestamp(1, Timestamp.from(now.minus(config.retention())));
                    outbox.executeUpdate();
                    processed.setTimestamp(1, Timestamp.from(now.minus(consumerConfig.dedupRetention())));
                    processed.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException("Outbox cleanup failed", e);
                }
            });
        }
    }

    private long countPending() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the outbox backlog", e);
        }
    }

    /** Notes the error on the oldest waiting row, where operators look first. */
    private void recordFailure(RuntimeException error) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement update = connection.prepareStatement("""
                             UPDATE outbox_event SET attempts = attempts + 1, last_error = ?
                             WHERE seq = (SELECT min(seq) FROM outbox_event WHERE published_at IS NULL)""")) {
                    update.setString(1, rootMessage(error));
                    update.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            pending.set(countPending());
        } catch (RuntimeException databaseAlsoDown) {
            LOG.debug("Cannot record the outbox failure", databaseAlsoDown);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
