package io.exdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.CloudEvents;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.Topics;
import io.exdesk.platform.demo.DemoTickets;
import io.exdesk.platform.messaging.IdempotentConsumer;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A replayed event is applied once; a poison message goes to the DLQ without blocking the partition. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class IdempotentConsumerTest {

    private static final String TOPIC = "demo-events";

    @Inject
    DemoTickets tickets;
    @Inject
    AgroalDataSource dataSource;

    private TestEventPublisher publisher;

    @BeforeEach
    void connect() {
        publisher = new TestEventPublisher();
    }

    @AfterEach
    void disconnect() {
        publisher.close();
    }

    @Test
    void aReplayedEventIsProcessedOnce() throws Exception {
        TicketCreated event = tickets.event("replayed");
        UUID eventId = UUID.randomUUID();
        send(event, eventId);
        send(event, eventId);
        TicketCreated after = tickets.event("sent after the replay");
        send(after, UUID.randomUUID());

        // Same key, same partition: once the later event is applied, both copies were consumed.
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(after.ticketId()) == 1);
        assertThat(applied(event.ticketId())).isEqualTo(1);
    }

    @Test
    void poisonMessagesAreDeadLetteredAndDoNotBlockThePartition() throws Exception {
        double deadLettersBefore = deadLetters();
        try (TopicProbe dlq = new TopicProbe(Topics.deadLetter(TOPIC))) {
            UUID garbageId = UUID.randomUUID();
            TicketCreated sameTicket = tickets.event("after the poison");
            publisher.publishRaw(TOPIC, sameTicket.key(), "{not json".getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.forEvent(sameTicket, garbageId, "/exdesk/test"));
            UUID futureId = UUID.randomUUID();
            publisher.publishRaw(TOPIC, sameTicket.key(), "{\"teleportedTo\":\"mars\"}".getBytes(StandardCharsets.UTF_8),
                    new CloudEventHeaders(futureId, "ticket-teleported", "/exdesk/future", Instant.now(), sameTicket.key()));
            TicketCreated failing = tickets.event("always fails");
            UUID failingId = UUID.randomUUID();
            send(failing, failingId);
            send(sameTicket, UUID.randomUUID());

            await().atMost(Duration.ofSeconds(30)).until(() -> applied(sameTicket.ticketId()) == 1);
            // The probe reads the dead-letter topic from its start, so earlier tests' records may be there too.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlq.poll();
                return !dlq.withHeader(CloudEvents.ID, garbageId.toString()).isEmpty()
                        && !dlq.withHeader(CloudEvents.ID, failingId.toString()).isEmpty();
            });
            assertThat(dlq.withHeader(CloudEvents.ID, garbageId.toString())).singleElement()
                    .satisfies(record -> assertThat(TopicProbe.header(record, IdempotentConsumer.DLQ_ERROR))
                            .contains("Invalid ticket-created payload"));
            assertThat(dlq.withHeader(CloudEvents.ID, failingId.toString())).singleElement()
                    .satisfies(record -> assertThat(TopicProbe.header(record, IdempotentConsumer.DLQ_ERROR))
                            .contains("the handler cannot apply this event"));
            assertThat(applied(failing.ticketId())).isZero();
            assertThat(dlq.withHeader(CloudEvents.ID, futureId.toString()))
                    .as("an event type added later is skipped, not dead-lettered").isEmpty();
        }
        // Counted after the dead letter is acknowledged, so await it. One partition, in order: had the
        // skipped event type been dead-lettered too, it would have been counted before the failing event.
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters() - deadLettersBefore >= 2);
        assertThat(deadLetters() - deadLettersBefore).isEqualTo(2);
    }

    private static double deadLetters() {
        return Metrics.scrape().value("messaging_dead_letters_total", "consumer", "platform-demo", "topic", TOPIC);
    }

    private void send(TicketCreated event, UUID eventId) {
        publisher.publish(TOPIC, event, eventId);
    }

    private long applied(UUID ticketId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM demo_applied WHERE ticket_id = ?")) {
            query.setObject(1, ticketId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
