package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.Category;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.Topics;
import io.exdesk.notification.messaging.NotificationEventConsumers;
import io.exdesk.platform.messaging.EventCodec;
import io.exdesk.platform.messaging.KafkaHeaders;
import io.exdesk.testkit.ExDeskTestResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A ticket's events come on three topics, consumed in parallel, a poll at a time in one transaction each, and every
 * one of them updates the ticket's row. Two polls naming the same tickets in opposite orders, applied at once, must
 * neither deadlock (the database would abort one, and its batch would be applied again record by record) nor lose
 * an update.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class PlanningConcurrencyTest extends NotificationTestSupport {

    private static final int TICKETS = 150;
    private static final int ROUNDS = 3;

    @Inject
    NotificationEventConsumers consumers;

    @Inject
    EventCodec codec;

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource db;

    private final AtomicLong offsets = new AtomicLong();

    @Test
    void pollsOfTheSameTicketsInOppositeOrdersOnTwoTopicsAreAppliedWholeAndCompletely() throws Exception {
        double splitBefore = splits(Topics.SLA_EVENTS) + splits(Topics.TICKET_EVENTS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<UUID> tickets = IntStream.range(0, TICKETS).mapToObj(i -> UUID.randomUUID()).toList();
                Instant due = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
                List<ConsumerRecord<String, byte[]>> clocks = new ArrayList<>();
                List<ConsumerRecord<String, byte[]>> priorities = new ArrayList<>();
                for (int i = 0; i < TICKETS; i++) {
                    clocks.add(record(Topics.SLA_EVENTS, new SlaScheduled(tickets.get(i), 1, now(),
                            SlaClock.FIRST_RESPONSE, due, false, Priority.URGENT, CustomerTier.STANDARD)));
                    UUID reversed = tickets.get(TICKETS - 1 - i);
                    priorities.add(record(Topics.TICKET_EVENTS, new PriorityChanged(reversed, 2, now(), ticketNumber(),
                            Priority.NORMAL, Priority.URGENT, Category.SECURITY, CustomerTier.STANDARD, "agent-1")));
                }
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> first = pool.submit(() -> apply(together, consumers::onSla, Topics.SLA_EVENTS, clocks));
                Future<?> second = pool.submit(() -> apply(together, consumers::onTicket, Topics.TICKET_EVENTS,
                        priorities));
                first.get(60, TimeUnit.SECONDS);
                second.get(60, TimeUnit.SECONDS);

                Map<UUID, Object[]> rows = rows(tickets);
                assertThat(rows).hasSize(TICKETS);
                assertThat(rows.values()).allSatisfy(row -> {
                    assertThat(row[0]).isEqualTo("SECURITY"); // from the priority change
                    assertThat(row[1]).isEqualTo(due); // from the clock
                });
            }
        } finally {
            pool.shutdownNow();
        }
        // Each poll went through in its one transaction: none was rolled back and applied record by record.
        assertThat(splits(Topics.SLA_EVENTS) + splits(Topics.TICKET_EVENTS)).isEqualTo(splitBefore);
    }

    private Void apply(CyclicBarrier together, Consumer<ConsumerRecords<String, byte[]>> consumer, String topic,
                       List<ConsumerRecord<String, byte[]>> records) throws Exception {
        together.await(30, TimeUnit.SECONDS);
        consumer.accept(new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records), Map.of()));
        return null;
    }

    private ConsumerRecord<String, byte[]> record(String topic, ExDeskEvent event) {
        return new ConsumerRecord<>(topic, 0, offsets.incrementAndGet(), RecordBatch.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, -1, -1, event.key(),
                codec.toJson(event).getBytes(StandardCharsets.UTF_8),
                KafkaHeaders.of(CloudEventHeaders.forEvent(event, UUID.randomUUID(), "/exdesk/test")), Optional.empty());
    }

    private double splits(String topic) {
        Counter counter = registry.find("messaging.batches.split").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Each ticket's category and first-response due time, as the service recorded them. */
    private Map<UUID, Object[]> rows(List<UUID> tickets) throws Exception {
        Map<UUID, Object[]> rows = new HashMap<>();
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT ticket_id, category, first_response_due FROM notified_ticket WHERE ticket_id = ANY(?)")) {
            query.setArray(1, connection.createArrayOf("uuid", tickets.toArray()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getObject(1, UUID.class), new Object[] {
                            result.getString(2), result.getTimestamp(3).toInstant()});
                }
            }
        }
        return rows;
    }
}
