package io.exdesk.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code routing_queue_oldest_seconds}, the wait of the oldest queued ticket that the SLA dashboard shows. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class QueueAgeMetricTest {

    private static final double TWO_DAYS = Duration.ofDays(2).toSeconds();

    @Inject
    TestClock clock;

    private final RoutingFixture f = new RoutingFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void theOldestQueuedTicketsWaitCountsFromItsCreationUntilAnAgentTakesIt() {
        // Two days old: older than any other test's ticket (minutes at most), so it is the oldest LOW one in the queue.
        TicketCreated waiting = f.publish(f.ticket(Priority.LOW, Category.GENERAL, CustomerTier.STANDARD, f.language,
                clock.instant().minus(Duration.ofDays(2))));
        f.queued(waiting);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Metrics.scrape().value("routing_queue_oldest_seconds", "priority", "LOW"))
                        .isBetween(TWO_DAYS, TWO_DAYS + 120));

        f.agent("taker");
        f.assigned(waiting);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Metrics.scrape().value("routing_queue_oldest_seconds", "priority", "LOW"))
                        .isLessThan(Duration.ofDays(1).toSeconds()));
    }
}
