package io.exdesk.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.Category;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketQueued;
import io.exdesk.events.TicketStatus;
import io.exdesk.events.Topics;
import io.exdesk.platform.messaging.EventCodec;
import io.exdesk.platform.messaging.KafkaHeaders;
import io.exdesk.routing.messaging.RoutingEventConsumers;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many tickets, ticket status changes and agent availability changes at once, through two consumer paths:
 * this instance's Kafka consumer, and a "second instance" of four threads handing records straight to the
 * consumer bean (its own transactions against the same database, as another process would), some of them
 * the very records the broker also delivers (a rebalance redelivery). Agents are never over capacity, a
 * ticket never has two holders, and the queue drains by priority.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class RoutingConcurrencyTest {

    private static final int CAPACITY = 3;
    private static final int TICKETS = 60;

    @Inject
    RoutingEventConsumers consumers;

    @Inject
    EventCodec codec;

    @Inject
    AgroalDataSource db;

    private final RoutingFixture f = new RoutingFixture();
    private final AtomicLong offsets = new AtomicLong();
    private final ExecutorService pool = Executors.newFixedThreadPool(6);

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        f.close();
    }

    @Test
    void concurrentLoadNeverOverfillsAnAgentNorAssignsATicketTwice() throws Exception {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            agents.add(f.agent("steady" + i, "skills", List.of("TRADING"), "capacity", CAPACITY));
        }
        List<String> flapping = List.of(
                f.agent("flap0", "skills", List.of("TRADING"), "capacity", CAPACITY),
                f.agent("flap1", "skills", List.of("TRADING"), "capacity", CAPACITY));
        agents.addAll(flapping);
        int slots = agents.size() * CAPACITY;

        Random random = new Random(42);
        Instant base = Instant.now().minusSeconds(600);
        List<TicketCreated> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            tickets.add(f.ticket(Priority.values()[random.nextInt(4)], Category.TRADING, CustomerTier.STANDARD,
                    f.language, base.plusMillis(i)));
        }

        // Phase 1: all tickets at once while two agents flap between OFFLINE (hand-back) and ONLINE (drain).
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        work.add(pool.submit(task(start, () -> tickets.subList(0, TICKETS / 2).forEach(f.publisher::publish))));
        for (int thread = 0; thread < 4; thread++) {
            int first = TICKETS / 2 + thread;
            work.add(pool.submit(task(start, () -> {
                for (int i = first; i < TICKETS; i += 4) {
                    deliverDirectly(tickets.get(i), i % 3 == 0);
                }
            })));
        }
        work.add(pool.submit(task(start, () -> {
            for (int round = 0; round < 5; round++) {
                for (String agent : flapping) {
                    f.status(agent, "OFFLINE");
                    f.status(agent, "ONLINE");
                }
            }
        })));
        start.countDown();
        for (Future<?> done : work) {
            done.get(120, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("state = 'ASSIGNED'") == slots
                && count("true") == TICKETS);
        assertThat(count("state = 'QUEUED'")).isEqualTo(TICKETS - slots);
        assertCountersMatchTheTickets(agents, CAPACITY);
        long phaseOneEnd = lastOutboxSeq();
        assertTimeline(phaseOneEnd);

        // Phase 2: a dozen tickets resolved at once, half through the broker, half directly (some twice).
        List<UUID> resolved = ids("state = 'ASSIGNED' ORDER BY ticket_id LIMIT 12");
        List<UUID> queuedBefore = ids("state = 'QUEUED' ORDER BY priority_rank, created_at, ticket_id");
        Map<UUID, TicketCreated> byId = new HashMap<>();
        tickets.forEach(t -> byId.put(t.ticketId(), t));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> resolutions = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            int first = thread;
            resolutions.add(pool.submit(task(go, () -> {
                for (int i = first; i < resolved.size(); i += 4) {
                    TicketCreated t = byId.get(resolved.get(i));
                    StatusChanged change = new StatusChanged(t.ticketId(), 2, Instant.now(), t.ticketNumber(),
                            TicketStatus.ASSIGNED, TicketStatus.RESOLVED, t.priority(), t.customerTier(), "agent");
                    if (i % 2 == 0) {
                        f.publisher.publish(change);
                    } else {
                        deliverDirectly(change, i % 3 == 0);
                    }
                }
            })));
        }
        go.countDown();
        for (Future<?> done : resolutions) {
            done.get(120, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("state = 'DONE'") == resolved.size()
                && count("state = 'ASSIGNED'") == slots);
        assertCountersMatchTheTickets(agents, CAPACITY);
        // The freed places went to the front of the queue: nothing still queued was ahead of a drained ticket.
        List<UUID> queuedAfter = ids("state = 'QUEUED' ORDER BY priority_rank, created_at, ticket_id");
        assertThat(queuedAfter).hasSize(queuedBefore.size() - resolved.size());
        assertThat(queuedBefore.subList(resolved.size(), queuedBefore.size())).isEqualTo(queuedAfter);
    }

    /** Hands a record to the consumer bean, as a second instance would; optionally also via the broker, same id. */
    private void deliverDirectly(ExDeskEvent event, boolean alsoViaBroker) {
        UUID id = UUID.randomUUID();
        if (alsoViaBroker) {
            f.publisher.publish(event, id);
        }
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.TICKET_EVENTS, 0,
                offsets.incrementAndGet(), RecordBatch.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, -1, -1,
                event.key(), codec.toJson(event).getBytes(StandardCharsets.UTF_8),
                KafkaHeaders.of(CloudEventHeaders.forEvent(event, id, "/exdesk/second-instance")), Optional.empty());
        consumers.consume(List.of(record));
    }

    /** Each agent's counter equals the tickets it holds, and is within capacity; all places are taken. */
    private void assertCountersMatchTheTickets(List<String> agents, int capacity) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT a.id, a.open_tickets, a.capacity,
                       (SELECT count(*) FROM routed_ticket t WHERE t.assignee_id = a.id AND t.state = 'ASSIGNED')
                FROM agent a WHERE a.id = ANY (?)""")) {
            q.setArray(1, c.createArrayOf("text", agents.toArray()));
            try (ResultSet rows = q.executeQuery()) {
                int seen = 0;
                while (rows.next()) {
                    seen++;
                    assertThat(rows.getInt(2)).as("open tickets of %s", rows.getString(1)).isEqualTo(rows.getInt(4));
                    assertThat(rows.getInt(2)).as("open tickets of %s", rows.getString(1)).isEqualTo(capacity);
                }
                assertThat(seen).isEqualTo(agents.size());
            }
        }
    }

    /**
     * Replays this test's routing events in outbox order, which is decision order (decisions hold the routing
     * lock until commit): every assignment names the actual holder as previous agent, and no agent ever holds
     * more than its capacity.
     */
    private void assertTimeline(long untilSeq) throws SQLException {
        Map<UUID, String> holder = new HashMap<>();
        Map<String, Integer> load = new HashMap<>();
        int events = 0;
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT event_type, payload FROM outbox_event WHERE seq <= ? AND payload LIKE ? ORDER BY seq""")) {
            q.setLong(1, untilSeq);
            q.setString(2, "%\"language\":\"" + f.language + "\"%");
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    events++;
                    ExDeskEvent event = TestEventPublisher.decode(rows.getString(2),
                            EventType.fromCeType(rows.getString(1)).payloadType());
                    UUID ticket = ((io.exdesk.events.TicketScopedEvent) event).ticketId();
                    String previous = holder.get(ticket);
                    if (previous != null) {
                        load.merge(previous, -1, Integer::sum);
                    }
                    if (event instanceof TicketAssigned assigned) {
                        assertThat(assigned.previousAgentId()).as("previous holder of %s", ticket).isEqualTo(previous);
                        holder.put(ticket, assigned.agentId());
                        int now = load.merge(assigned.agentId(), 1, Integer::sum);
                        assertThat(now).as("tickets held by %s", assigned.agentId()).isLessThanOrEqualTo(CAPACITY);
                    } else {
                        assertThat(event).isInstanceOf(TicketQueued.class);
                        holder.remove(ticket);
                    }
                }
            }
        }
        assertThat(events).isGreaterThanOrEqualTo(TICKETS);
        assertThat(holder.values().stream().filter(Objects::nonNull).count()).isEqualTo(count("state = 'ASSIGNED'"));
    }

    private long count(String where) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM routed_ticket WHERE language = ? AND " + where)) {
            q.setString(1, f.language);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<UUID> ids(String whereAndOrder) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT ticket_id FROM routed_ticket WHERE language = ? AND " + whereAndOrder)) {
            q.setString(1, f.language);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private long lastOutboxSeq() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT coalesce(max(seq), 0) FROM outbox_event"); ResultSet rows = q.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Callable<Void> task(CountDownLatch start, Runnable body) {
        return () -> {
            start.await();
            body.run();
            return null;
        };
    }
}
