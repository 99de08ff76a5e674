package io.exdesk.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.exdesk.events.SlaPolicyUpdated;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Policies: defaults in force and published, changes validated, versioned and published on a
 * compacted topic. The application is shared across test classes, so each test changes its own
 * policy: here NORMAL/STANDARD and LOW/STANDARD; SlaClockTest compresses HIGH/VIP and URGENT/VIP.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class SlaPolicyApiTest {

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).contentType("application/json");
    }

    @Test
    void theDefaultsOfTheDesignAreInForceAndPublished() {
        admin().get("/api/v1/sla/policies")
                .then().statusCode(200)
                .body("$", hasSize(8))
                .body("find { it.priority == 'URGENT' && it.customerTier == 'STANDARD' }.firstResponse", equalTo("PT5M"))
                .body("find { it.priority == 'NORMAL' && it.customerTier == 'VIP' }.firstResponse", equalTo("PT15M"))
                .body("find { it.priority == 'LOW' && it.customerTier == 'VIP' }.resolution", equalTo("PT36H"))
                .body("find { it.priority == 'NORMAL' && it.customerTier == 'VIP' }.resolutionSeconds", equalTo(43200))
                .body("find { it.priority == 'HIGH' && it.customerTier == 'STANDARD' }.warningFractions",
                        contains(0.5f, 0.75f, 0.9f))
                .body("find { it.priority == 'HIGH' && it.customerTier == 'STANDARD' }.calendar.name", equalTo("24x7"));
        try (TopicProbe probe = new TopicProbe(Topics.SLA_POLICIES)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.poll().stream()
                    .map(ConsumerRecord::key).distinct().count() >= 8);
            assertThat(probe.poll().stream().map(ConsumerRecord::key))
                    .contains("URGENT:STANDARD", "URGENT:VIP", "HIGH:STANDARD", "LOW:VIP");
        }
    }

    @Test
    void aChangeIsANewVersionPublishedOnTheCompactedTopic() throws Exception {
        String etag = admin().get("/api/v1/sla/policies/NORMAL/STANDARD").then().statusCode(200).extract().header("ETag");
        int version = Integer.parseInt(etag.replace("\"", ""));
        try (TopicProbe probe = new TopicProbe(Topics.SLA_POLICIES)) {
            admin().header("If-Match", etag)
                    .body("{\"firstResponse\":\"PT20M\",\"resolution\":\"PT12H\",\"warningFractions\":[0.6,0.8]}")
                    .put("/api/v1/sla/policies/NORMAL/STANDARD")
                    .then().statusCode(200)
                    .header("ETag", equalTo("\"" + (version + 1) + "\""))
                    .body("version", equalTo(version + 1))
                    .body("firstResponseSeconds", equalTo(1200))
                    .body("updatedBy", equalTo("admin-test"));
            admin().header("If-Match", etag).body("{\"firstResponse\":\"PT21M\",\"resolution\":\"PT12H\"}")
                    .put("/api/v1/sla/policies/NORMAL/STANDARD").then().statusCode(412);

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.poll().stream().anyMatch(r ->
                    r.key().equals("NORMAL:STANDARD") && r.value().contains("\"policyVersion\":" + (version + 1))));
            SlaPolicyUpdated event = probe.poll().stream()
                    .filter(r -> r.key().equals("NORMAL:STANDARD") && r.value().contains("\"policyVersion\":" + (version + 1)))
                    .map(r -> TestEventPublisher.decode(r.value(), SlaPolicyUpdated.class)).findFirst().orElseThrow();
            assertThat(event.firstResponseSeconds()).isEqualTo(1200);
            assertThat(event.resolutionSeconds()).isEqualTo(43200);
            assertThat(event.warningFractions()).containsExactly(0.6, 0.8);
            assertThat(event.calendar()).isEqualTo("24x7");
        }
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.get().kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SLA_POLICIES);
            String policy = kafka.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void ifMatchTakesAListOfTagsComparedStrongly() {
        String etag = admin().get("/api/v1/sla/policies/LOW/STANDARD").then().statusCode(200).extract().header("ETag");
        int version = Integer.parseInt(etag.replace("\"", ""));
        String body = "{\"firstResponse\":\"PT4H\",\"resolution\":\"PT72H\"}";

        // A weak tag never matches, even with the current version in it.
        admin().header("If-Match", "W/" + etag).body(body).put("/api/v1/sla/policies/LOW/STANDARD")
                .then().statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("Policy LOW:STANDARD"));
        admin().get("/api/v1/sla/policies/LOW/STANDARD").then().header("ETag", equalTo(etag));

        // A list matches when one of its tags is the current one.
        admin().header("If-Match", "\"" + (version + 100) + "\", " + etag).body(body).put("/api/v1/sla/policies/LOW/STANDARD")
                .then().statusCode(200).header("ETag", equalTo("\"" + (version + 1) + "\""));
        // The same list is stale now.
        admin().header("If-Match", "\"" + (version + 100) + "\", " + etag).body(body).put("/api/v1/sla/policies/LOW/STANDARD")
                .then().statusCode(412);
    }

    @Test
    void nonsenseIsRejectedPerFieldAndChangesNothing() {
        int before = admin().get("/api/v1/sla/policies/LOW/VIP").then().extract().path("version");
        admin().body("{\"firstResponse\":\"-PT5M\",\"resolution\":\"PT0S\",\"warningFractions\":[0.9,0.5,1.5]}")
                .put("/api/v1/sla/policies/LOW/VIP")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("firstResponse"))
                .body("errors.field", hasItem("resolution"))
                .body("errors.field", hasItem("warningFractions[1]"))
                .body("errors.field", hasItem("warningFractions[2]"));
        admin().body("{\"firstResponse\":\"PT2H\",\"resolution\":\"PT1H\"}")
                .put("/api/v1/sla/policies/LOW/VIP")
                .then().statusCode(400).body("errors[0].field", equalTo("firstResponse"));
        admin().body("{\"firstResponse\":\"PT1H\",\"resolution\":\"PT2H\",\"calendar\":{\"name\":\"mars\","
                        + "\"timeZone\":\"Mars/Base\",\"hours\":{\"MONDAY\":[\"09:00-18:00\"]}}}")
                .put("/api/v1/sla/policies/LOW/VIP")
                .then().statusCode(400).body("errors[0].field", equalTo("calendar"));
        admin().body("{\"firstResponse\":\"soon\",\"resolution\":\"PT2H\"}")
                .put("/api/v1/sla/policies/LOW/VIP")
                .then().statusCode(400).body("errors[0].field", equalTo("firstResponse"));
        admin().body("{\"resolution\":\"PT2H\"}")
                .put("/api/v1/sla/policies/LOW/VIP")
                .then().statusCode(400).body("errors[0].field", equalTo("firstResponse"));
        admin().body("{\"firstResponse\":\"PT1H\",\"resolution\":\"PT2H\"}")
                .put("/api/v1/sla/policies/CRITICAL/VIP")
                .then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/v1/sla/policies/LOW/VIP").then().body("version", equalTo(before));
    }

    @Test
    void businessHoursCalendarsAreAccepted() {
        admin().body("""
                        {"firstResponse":"PT1H","resolution":"PT8H","calendar":{"name":"shanghai-office",
                         "timeZone":"Asia/Shanghai","hours":{"MONDAY":["09:00-18:00"],"TUESDAY":["09:00-18:00"]},
                         "holidays":["2026-10-01"]}}""")
                .put("/api/v1/sla/policies/LOW/STANDARD")
                .then().statusCode(200)
                .body("calendar.name", equalTo("shanghai-office"))
                .body("calendar.timeZone", equalTo("Asia/Shanghai"));
    }

    @Test
    void onlyAdminsChangePolicies() {
        String body = "{\"firstResponse\":\"PT1H\",\"resolution\":\"PT2H\"}";
        given().contentType("application/json").body(body).put("/api/v1/sla/policies/LOW/VIP").then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole(Roles.SUPERVISOR)).contentType("application/json").body(body)
                .put("/api/v1/sla/policies/LOW/VIP").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.SUPERVISOR)).get("/api/v1/sla/policies").then().statusCode(200);
    }
}
