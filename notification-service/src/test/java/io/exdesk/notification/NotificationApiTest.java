package io.exdesk.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contact and delivery-log API: validation as problem+json with nothing written, roles, paging, metrics. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class NotificationApiTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anInvalidContactIsRefusedWithProblemDetailsAndNothingIsWritten() {
        String id = "customer-" + UUID.randomUUID().toString().substring(0, 8);
        as(Roles.PLATFORM).body(Map.of("email", "not-an-address", "language", "english please"))
                .put("/api/v1/contacts/customers/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(containsString("email")))
                .body("errors.field", hasItem(containsString("language")));
        as(Roles.PLATFORM).body("{\"email\": ").put("/api/v1/contacts/customers/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        as(Roles.PLATFORM).body(Map.of("language", "en")).put("/api/v1/contacts/customers/" + id)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(containsString("email")));
        as(Roles.ADMIN).get("/api/v1/contacts/customers/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void contactsAreKeptByTheirOwners() {
        // Agents: registered in routing-service; here they can only be read.
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        publishAndAwait(profile(agent, 1, "zh-CN", "t", true, "a@agents.test", "https://chat.test/hook", null));
        as(Roles.SUPERVISOR).get("/api/v1/contacts/agents/" + agent).then().statusCode(200)
                .body("language", equalTo("zh-CN")).body("supervisor", equalTo(true))
                .body("chatFormat", equalTo("SLACK")).body("profileVersion", equalTo(1));
        as(Roles.ADMIN).body(Map.of("email", "other@agents.test")).put("/api/v1/contacts/agents/" + agent)
                .then().statusCode(405);
        as(Roles.AGENT).get("/api/v1/contacts/agents/" + agent).then().statusCode(403);
        given().get("/api/v1/contacts/agents/" + agent).then().statusCode(401).contentType("application/problem+json");
        as(Roles.OPS).get("/api/v1/contacts/agents/" + agent).then().statusCode(200).body("email", equalTo("a@agents.test"));

        // Customers: kept here by the exchange platform.
        String customer = "customer-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("email", "c@customers.test", "language", "en");
        given().contentType("application/json").body(body).put("/api/v1/contacts/customers/" + customer)
                .then().statusCode(401).contentType("application/problem+json");
        as(Roles.AGENT).body(body).put("/api/v1/contacts/customers/" + customer).then().statusCode(403);
        as(Roles.SUPERVISOR).body(body).put("/api/v1/contacts/customers/" + customer).then().statusCode(403);
        as(Roles.PLATFORM).body(body).put("/api/v1/contacts/customers/" + customer).then().statusCode(200)
                .body("email", equalTo("c@customers.test"));
        as(Roles.SUPERVISOR).get("/api/v1/contacts/customers/" + customer).then().statusCode(403);
    }

    @Test
    void theDeliveryLogRefusesBadQueriesWithProblemDetails() {
        as(Roles.SUPERVISOR).get("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("ticketId"));
        as(Roles.SUPERVISOR).queryParam("ticketId", "nope").get("/api/v1/notifications").then().statusCode(400);
        as(Roles.SUPERVISOR).queryParam("status", "LOST").get("/api/v1/notifications").then().statusCode(400);
        as(Roles.SUPERVISOR).queryParam("status", "DEAD").queryParam("limit", 0).get("/api/v1/notifications").then().statusCode(400);
        as(Roles.SUPERVISOR).queryParam("status", "DEAD").queryParam("cursor", "x").get("/api/v1/notifications").then().statusCode(400);
        as(Roles.AGENT).queryParam("status", "DEAD").get("/api/v1/notifications").then().statusCode(403);
        as(Roles.SUPERVISOR).post("/api/v1/notifications/" + UUID.randomUUID() + "/retry").then().statusCode(404)
                .contentType("application/problem+json");
        as(Roles.ADMIN).post("/api/v1/notifications/" + UUID.randomUUID() + "/retry").then().statusCode(403);
    }

    @Test
    void theLogPagesInRecordedOrderAndOnlyDeadDeliveriesAreRetried() {
        String team = team();
        String agent = agent("en", team, false);
        UUID ticket = UUID.randomUUID();
        publisher.publish(assigned(ticket, ticketNumber(), agent, team, "en"));
        await().atMost(WAIT).until(() -> deliveries(ticket).stream().allMatch(d -> "SENT".equals(d.get("status")))
                && deliveries(ticket).size() == 2);

        String cursor = as(Roles.OPS).queryParam("ticketId", ticket.toString()).queryParam("limit", 1)
                .get("/api/v1/notifications").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as(Roles.OPS).queryParam("ticketId", ticket.toString()).queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/api/v1/notifications").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", nullValue());
        String sent = (String) deliveries(ticket).get(0).get("id");
        as(Roles.OPS).post("/api/v1/notifications/" + sent + "/retry").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aDeliveryDeadForWantOfAnAddressIsSentOnceTheContactIsFixedAndRetried() {
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        publishAndAwait(profile(agent, 1, "en", null, false, null, null, null)); // no e-mail address yet
        UUID ticket = UUID.randomUUID();
        publisher.publish(assigned(ticket, ticketNumber(), agent, null, "en"));
        await().atMost(WAIT).until(() -> deliveries(ticket, "agent:" + agent, "EMAIL").size() == 1);
        String id = (String) delivery(ticket, "agent:" + agent, "EMAIL").get("id");
        as(Roles.OPS).post("/api/v1/notifications/" + id + "/retry").then().statusCode(409)
                .body("detail", containsString("no address"));

        publishAndAwait(profile(agent, 2, "en", null, false, email(agent), null, null));
        as(Roles.OPS).post("/api/v1/notifications/" + id + "/retry").then().statusCode(200)
                .body("status", equalTo("PENDING")).body("address", equalTo(email(agent)));
        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1);
    }

    @Test
    void theDeliveryMetricsCountWhatWasSent() {
        String team = team();
        String agent = agent("en", team, false);
        Metrics before = Metrics.scrape();
        double sent = before.value("notification_deliveries_total", "channel", "email", "outcome", "sent");
        double timed = before.value("notification_delivery_duration_seconds_count", "channel", "email");
        publisher.publish(assigned(UUID.randomUUID(), ticketNumber(), agent, team, "en"));
        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1);

        await().atMost(WAIT).untilAsserted(() -> {
            Metrics after = Metrics.scrape();
            assertThat(after.value("notification_deliveries_total", "channel", "email", "outcome", "sent") - sent)
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.value("notification_delivery_duration_seconds_count", "channel", "email") - timed)
                    .isGreaterThanOrEqualTo(1);
        });
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("notification_deliveries_total{channel=\"chat\",outcome=\"retried\"}")
                .contains("notification_deliveries_pending{channel=\"email\"}");
    }
}
