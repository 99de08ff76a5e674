package io.exdesk.ticket;

import static io.restassured.RestAssured.given;
import static io.exdesk.ticket.TicketApi.body;
import static io.exdesk.ticket.TicketApi.create;
import static io.exdesk.ticket.TicketApi.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.Topics;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Opening a ticket stores it, answers with its number and expected response time, and emits ticket-created. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketCreationTest {

    @Test
    void createdTicketIsStoredAndAnnounced() {
        try (TopicProbe probe = new TopicProbe(Topics.TICKET_EVENTS)) {
            ExtractableResponse<Response> created = create(body("Deposit missing 充值未到账 🙏",
                    "Robert'); DROP TABLE ticket;-- my deposit is not credited",
                    "\"category\":\"DEPOSIT\",\"priority\":\"HIGH\",\"crypto\":{\"asset\":\"USDT\",\"network\":\"TRC20\","
                            + "\"txId\":\"7f3a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a\",\"amount\":500.25},"
                            + "\"externalReference\":\"EXT-42\""))
                    .statusCode(201)
                    .header("Location", matchesPattern("/api/v1/tickets/[0-9a-f-]{36}"))
                    .body("number", matchesPattern("EXD-\\d{6,}"))
                    .body("status", equalTo("NEW"))
                    .body("version", equalTo(1))
                    .body("subject", equalTo("Deposit missing 充值未到账 🙏"))
                    .body("description", equalTo("Robert'); DROP TABLE ticket;-- my deposit is not credited"))
                    .body("crypto.amount", equalTo(500.25f))
                    .body("triage.category", equalTo(false))
                    .body("expectedFirstResponseAt", notNullValue())
                    .extract();
            String id = created.path("id");
            Instant createdAt = Instant.parse(created.path("createdAt"));
            // HIGH x STANDARD: first response within 15 minutes (the seeded sla-policies view).
            assertThat(Instant.parse(created.path("expectedFirstResponseAt"))).isEqualTo(createdAt.plusSeconds(900));

            platform().get("/api/v1/tickets/" + id)
                    .then().statusCode(200)
                    .header("ETag", equalTo("\"1\""))
                    .body("customer.contact.email", equalTo("ada@example.com"))
                    .body("crypto.txId", equalTo("7f3a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.withHeader("ce_subject", id).isEmpty());
            TicketCreated event = TestEventPublisher.decode(probe.withHeader("ce_subject", id).get(0).value(),
                    TicketCreated.class);
            assertThat(event.ticketId()).isEqualTo(UUID.fromString(id));
            assertThat(event.ticketNumber()).isEqualTo(created.path("number"));
            assertThat(event.priority()).isEqualTo(Priority.HIGH);
            assertThat(event.category()).isEqualTo(Category.DEPOSIT);
            assertThat(event.version()).isEqualTo(1);
            assertThat(event.secretsRedacted()).isFalse();
            assertThat(probe.withHeader("ce_subject", id).get(0).value()).doesNotContain("ada@example.com");
        }
    }

    @Test
    void intakeMetricsCountByPriorityCategoryChannelAndTier() {
        double before = createdFees();
        create(body("Fees", "why this fee", "\"category\":\"RATES_FEES\",\"priority\":\"LOW\"")).statusCode(201);
        // Counted after the commit, which the 201 already waited for; other tests' creations only add.
        assertThat(createdFees() - before).isEqualTo(1);

        double redactedBefore = Metrics.scrape().value("ticket_secrets_redacted_total");
        create(body("Locked out", "my password is hunter2 and it does not work", "")).statusCode(201)
                .body("secretsRedacted", equalTo(true));
        assertThat(Metrics.scrape().value("ticket_secrets_redacted_total") - redactedBefore).isEqualTo(1);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("http_server_requests_seconds_count");
    }

    private static double createdFees() {
        return Metrics.scrape().value("tickets_created_total",
                "category", "RATES_FEES", "channel", "WEB", "priority", "LOW", "tier", "STANDARD");
    }
}
