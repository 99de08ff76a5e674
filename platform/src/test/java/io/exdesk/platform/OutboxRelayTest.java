package io.exdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.CloudEvents;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.Topics;
import io.exdesk.platform.demo.DemoTickets;
import io.exdesk.platform.outbox.OutboxRelay;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox publishes exactly what was committed, once, in order, with CloudEvents headers. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class OutboxRelayTest {

    @Inject
    DemoTickets tickets;
    @Inject
    OutboxRelay relay;
    @Inject
    AgroalDataSource dataSource;

    private TopicProbe probe;

    @BeforeEach
    void observe() {
        probe = new TopicProbe(Topics.TICKET_EVENTS);
    }

    @AfterEach
    void cleanUp() {
        relay.start();
        probe.close();
    }

    @Test
    void committedEventsArePublishedOnceWithCloudEventHeaders() throws SQLException {
        List<TicketCreated> opened = IntStream.range(0, 20).mapToObj(i -> tickets.open("published " + i)).toList();
        Set<String> ids = opened.stream().map(e -> e.ticketId().toString()).collect(Collectors.toSet());

        await().atMost(Duration.ofSeconds(30)).until(() -> ofTickets(ids).size() >= 20);
        awaitPublishedAfterwards();

        List<ConsumerRecord<String, String>> records = ofTickets(ids);
        assertThat(records).hasSize(20);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ids);
        for (ConsumerRecord<String, String> record : records) {
            assertThat(TopicProbe.header(record, CloudEvents.SPECVERSION)).isEqualTo("1.0");
            assertThat(TopicProbe.header(record, CloudEvents.TYPE)).isEqualTo("ticket-created");
            assertThat(TopicProbe.header(record, CloudEvents.SOURCE)).isEqualTo("/exdesk/platform-test");
            assertThat(TopicProbe.header(record, CloudEvents.SUBJECT)).isEqualTo(record.key());
            assertThat(TopicProbe.header(record, CloudEvents.ID)).isNotBlank();
            assertThat(record.value()).contains("\"ticketId\":\"" + record.key() + "\"");
        }
        assertThat(records.stream().map(r -> TopicProbe.header(r, CloudEvents.ID)).distinct()).hasSize(20);
        assertThat(unpublishedRows()).isZero();
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        assertThatThrownBy(() -> tickets.openThenFail("rolled back")).isInstanceOf(IllegalStateException.class);
        TicketCreated later = tickets.open("committed after the rollback");

        // The relay publishes in commit order, so once the later event is out, the rolled-back one had its chance.
        await().atMost(Duration.ofSeconds(30)).until(() -> !ofTickets(Set.of(later.ticketId().toString())).isEmpty());
        assertThat(probe.poll()).noneMatch(record -> record.value().contains("\"subject\":\"rolled back\""));
    }

    @Test
    void aRelayRestartedMidwayPublishesEveryEventExactlyOnce() throws SQLException {
        relay.stop();
        List<TicketCreated> opened = IntStream.range(0, 1000).mapToObj(i -> tickets.open("restart " + i)).toList();
        Set<String> ids = opened.stream().map(e -> e.ticketId().toString()).collect(Collectors.toSet());

        relay.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> unpublishedRows() <= 950);
        relay.stop();
        long pendingAtRestart = unpublishedRows();
        relay.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> ofTickets(ids).size() >= 1000);
        awaitPublishedAfterwards();
        assertThat(pendingAtRestart).as("the restart happened mid-way").isPositive().isLessThan(1000);
        Map<String, Long> perTicket = ofTickets(ids).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(perTicket).hasSize(1000).allSatisfy((ticket, count) -> assertThat(count).isEqualTo(1));
        assertThat(unpublishedRows()).isZero();
    }

    /**
     * The relay publishes in commit order: once an event committed after the awaited ones is out, a
     * duplicate of those would already have arrived, so counting them now can catch one.
     */
    private void awaitPublishedAfterwards() {
        String marker = tickets.open("published afterwards").ticketId().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> !ofTickets(Set.of(marker)).isEmpty());
    }

    private List<ConsumerRecord<String, String>> ofTickets(Set<String> ids) {
        return probe.poll().stream().filter(record -> ids.contains(record.key())).toList();
    }

    private long unpublishedRows() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
