package io.exdesk.platform.messaging;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.EventType;
import io.exdesk.events.Topics;
import io.exdesk.platform.config.PlatformConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Applies a Kafka record exactly once per consumer, or dead-letters it.
 *
 * <p>The handler runs in one database transaction together with the {@link ProcessedEvents}
 * insert, so a redelivered or replayed event is a no-op and a crash before commit leaves nothing
 * behind. The Kafka offset is committed by the messaging connector after this method returns,
 * i.e. after the database commit. A record that cannot be decoded (a poison message), or whose
 * handler keeps failing after a few attempts with backoff while the database is up, goes to
 * {@code <topic>.dlq} with the error in headers and is counted, so it never blocks its partition.
 * While the database is down the record is retried until it is back. Event types this service
 * does not know (added to the contract later) are skipped.
 *
 * <p>Typical use, in a service's messaging package:
 * <pre>{@code
 * @Incoming("ticket-events") @Blocking
 * public void onTicketEvent(ConsumerRecord<String, byte[]> record) {
 *     consumer.consume("routing", record, event -> routing.apply(event.payload()));
 * }
 * }</pre>
 *
 * <p>A busy consumer takes the records of a poll as a batch ({@code mp.messaging.incoming.<channel>.batch=true})
 * and hands them to {@link #consumeAll}: one transaction, one commit and one fsync for the lot.
 */
@ApplicationScoped
public class IdempotentConsumer {

    /** Headers added to a dead-lettered record. */
    public static final String DLQ_ERROR = "exdesk_dlq_error";
    public static final String DLQ_CONSUMER = "exdesk_dlq_consumer";
    public static final String DLQ_ORIGIN = "exdesk_dlq_origin";

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final ProcessedEvents processed;
    private final EventCodec codec;
    private final EventProducer producer;
    private final PlatformConfig.Consumer config;
    private final MeterRegistry registry;
    private final AgroalDataSource dataSource;
    /** The service's Hibernate session, if it has one (a transaction-scoped proxy); null otherwise. */
    private final EntityManager session;

    public IdempotentConsumer(ProcessedEvents processed, EventCodec codec, EventProducer producer,
                              PlatformConfig config, MeterRegistry registry, AgroalDataSource dataSource,
                              Instance<EntityManager> session) {
        this.dataSource = dataSource;
        this.session = session.isResolvable() ? session.get() : null;
        this.processed = processed;
        this.codec = codec;
        this.producer = producer;
        this.config = config.consumer();
        this.registry = registry;
    }

    /**
     * @param consumer the name under which this service records what it processed
     * @return true if the handler ran, false for a duplicate or a dead-lettered record
     */
    public boolean consume(String consumer, ConsumerRecord<String, byte[]> record, EventHandler handler) {
        ReceivedEvent event;
        try {
            CloudEventHeaders headers = KafkaHeaders.read(record.headers());
            Optional<EventType> type = EventType.find(headers.type());
            if (type.isEmpty()) {
                // A type added to the contract after this service was built: not ours to judge.
                LOG.debugf("%s skips %s %s, a type it does not know", consumer, headers.type(), headers.id());
                return false;
            }
            event = decode(headers, type.get(), record);
        } catch (IllegalArgumentException poison) {
            deadLetter(consumer, record, poison);
            return false;
        }
        Duration backoff = config.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    handler.beforeEvents(List.of(event));
                    if (!processed.markProcessed(consumer, event.headers().id())) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
            } catch (RuntimeException failure) {
                // Dead-letter only what fails while the database works; during an outage, wait it out.
                if (attempt >= config.maxAttempts() && databaseAvailable()) {
                    deadLetter(consumer, record, failure);
                    return false;
                }
                LOG.warnf("%s failed on %s %s (attempt %d of %d), retrying: %s", consumer,
                        event.headers().type(), event.headers().id(), attempt, config.maxAttempts(), failure);
                LockSupport.parkNanos(backoff.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Applies a poll's records, in order, in one transaction: each exactly once, as {@link #consume}
     * would. If anything in the batch fails (a poison record, a handler error, a lock conflict), the
     * transaction is rolled back and every record goes through {@link #consume} on its own, with its
     * retries and dead-lettering; what the batch did is undone, so nothing is applied twice.
     */
    public void consumeAll(String consumer, Iterable<ConsumerRecord<String, byte[]>> batch, EventHandler handler) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        batch.forEach(records::add);
        if (records.size() > 1) {
            try {
                List<ReceivedEvent> events = new ArrayList<>(records.size());
                for (ConsumerRecord<String, byte[]> record : records) {
                    CloudEventHeaders headers = KafkaHeaders.read(record.headers());
                    EventType.find(headers.type()).ifPresent(type -> events.add(decode(headers, type, record)));
                }
                QuarkusTransaction.requiringNew().call(() -> {
                    handler.beforeEvents(events);
                    for (ReceivedEvent event : events) {
                        if (processed.markProcessed(consumer, event.headers().id())) {
                            handler.handle(event);
                            forgetSession();
                        }
                    }
                    return null;
                });
                return;
            } catch (RuntimeException failure) {
                LOG.debugf("%s applies a batch of %d records one by one after: %s", consumer, records.size(), failure);
                // Rare by design (a poison record, a handler error, a lock conflict): each split costs a transaction
                // per record, so a steady rate shows a conflict to remove.
                registry.counter("messaging.batches.split", "topic", records.get(0).topic(), "consumer", consumer)
                        .increment();
            }
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            consume(consumer, record, handler);
        }
    }

    /**
     * The events of a batch share one transaction, and so one Hibernate session (where the service has
     * one): write what an event changed and forget it, or every query of the events after it would
     * dirty-check all of it again, which makes a batch quadratic in its size.
     */
    private void forgetSession() {
        if (session != null) {
            session.flush();
            session.clear();
        }
    }

    private ReceivedEvent decode(CloudEventHeaders headers, EventType type, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("Record without a payload");
        }
        return new ReceivedEvent(headers, codec.fromJson(type, record.value()));
    }

    private boolean databaseAvailable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void deadLetter(String consumer, ConsumerRecord<String, byte[]> record, Exception error) {
        String topic = Topics.deadLetter(record.topic());
        LOG.errorf(error, "%s dead-letters the record at %s-%d@%d to %s", consumer, record.topic(),
                record.partition(), record.offset(), topic);
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DLQ_ERROR, describe(error).getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_ORIGIN, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            producer.reset();
            // Not acknowledging the record is the only safe answer: it will be redelivered.
            throw new IllegalStateException("Cannot dead-letter a record to " + topic, e);
        }
        registry.counter("messaging.dead.letters", "topic", record.topic(), "consumer", consumer).increment();
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.length() > 2000 ? text.substring(0, 2000) : text.toString();
    }
}
