package io.exdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.Topics;
import io.exdesk.platform.demo.DemoTickets;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.KafkaBroker;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Writes succeed while Kafka is down; their events are published, once, when it is back. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class KafkaOutageTest {

    @Inject
    DemoTickets tickets;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEventWrittenWhileKafkaIsDownIsPublishedOnceItIsBack() throws Exception {
        Assumptions.assumeTrue(TestServers.get().embeddedKafka().isPresent(), "needs the embedded broker");
        KafkaBroker kafka = TestServers.get().embeddedKafka().orElseThrow();
        TicketCreated written;
        kafka.stop();
        try {
            written = tickets.open("written during the outage");
            await().atMost(Duration.ofSeconds(60)).until(() -> lastError(written) != null);
            assertThat(isPublished(written)).isFalse();
        } finally {
            kafka.start();
        }

        try (TopicProbe probe = new TopicProbe(Topics.TICKET_EVENTS)) {
            String key = written.ticketId().toString();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> probe.poll().stream().anyMatch(record -> record.key().equals(key)));
            await().atMost(Duration.ofSeconds(10)).until(() -> isPublished(written));
            // Published in commit order: once a later event is out, a second copy would have arrived before it.
            String later = tickets.open("written after the outage").ticketId().toString();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.poll().stream().anyMatch(record -> record.key().equals(later)));
            assertThat(probe.poll().stream().filter(record -> record.key().equals(key))).hasSize(1);
        }
    }

    private String lastError(TicketCreated event) throws Exception {
        return column(event, "last_error");
    }

    private boolean isPublished(TicketCreated event) throws Exception {
        return column(event, "published_at") != null;
    }

    private String column(TicketCreated event, String column) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + column + "::text FROM outbox_event WHERE event_key = ?")) {
            query.setString(1, event.ticketId().toString());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
