package io.exdesk.routing;

import static io.exdesk.routing.RoutingFixture.SUPERVISOR_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent registry API: who may do what, and bad input answered with problem+json and no write. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class AgentApiTest {

    private static final String ADMIN = TestTokens.of("admin-test", Roles.ADMIN);
    private static final List<String> ALL_DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
            "SATURDAY", "SUNDAY");

    private final RoutingFixture f = new RoutingFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void adminsCreateReadListAndUpdateAgents() {
        Map<String, Object> body = f.agentBody("amy", "tier", "L2", "team", "asia", "skills", List.of("DEPOSIT", "KYC"),
                "languages", List.of("zh-CN", f.language), "capacity", 4, "vipCapable", true);
        String id = (String) body.get("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/agents")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/agents/" + id))
                .body("tier", equalTo("L2")).body("team", equalTo("asia"))
                .body("skills", contains("DEPOSIT", "KYC")).body("languages", contains("zh-cn", f.language))
                .body("capacity", equalTo(4)).body("vipCapable", equalTo(true)).body("status", equalTo("ONLINE"))
                .body("openTickets", equalTo(0)).body("version", equalTo(1));

        String etag = given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/agents/" + id)
                .then().statusCode(200).body("name", equalTo("Agent amy")).extract().header("ETag");
        assertThat(etag).contains("1");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("capacity", 6, "skills", List.of("WITHDRAWAL"))).patch("/api/v1/agents/" + id)
                .then().statusCode(200).body("capacity", equalTo(6)).body("skills", contains("WITHDRAWAL"))
                .body("tier", equalTo("L2")).body("version", equalTo(2));
        // The old ETag no longer matches.
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("capacity", 1)).patch("/api/v1/agents/" + id).then(), 412);
        // "*" matches any current version; a list matches if one of its tags does (RFC 9110, 13.1.1).
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("capacity", 5)).patch("/api/v1/agents/" + id)
                .then().statusCode(200).header("ETag", "\"3\"").body("capacity", equalTo(5));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag + ", \"3\"")
                .body(Map.of("capacity", 6)).patch("/api/v1/agents/" + id)
                .then().statusCode(200).header("ETag", "\"4\"").body("capacity", equalTo(6));
        // A weak tag never matches, nor a list of only stale tags; neither writes anything.
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "W/\"4\"")
                .body(Map.of("capacity", 1)).patch("/api/v1/agents/" + id).then(), 412);
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"2\", \"3\"")
                .body(Map.of("capacity", 1)).patch("/api/v1/agents/" + id).then(), 412);
        given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/agents/" + id).then().statusCode(200)
                .header("ETag", "\"4\"").body("capacity", equalTo(6)).body("version", equalTo(4));

        given().auth().oauth2(SUPERVISOR_TOKEN).queryParam("team", "asia").queryParam("status", "ONLINE")
                .queryParam("limit", 200).get("/api/v1/agents")
                .then().statusCode(200).body("items.id", hasItem(id));
        // Paging by id, one per page.
        f.agent("bob");
        String cursor = given().auth().oauth2(SUPERVISOR_TOKEN).queryParam("limit", 1).get("/api/v1/agents")
                .then().statusCode(200).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(SUPERVISOR_TOKEN).queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/agents")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(1));
    }

    @Test
    void anAgentMaySetOnlyTheirOwnStatusAndReadOnlyTheirOwnRecord() {
        String amy = f.agent("amy", "status", "OFFLINE");
        String bob = f.agent("bob");
        String amyToken = TestTokens.of(amy, Roles.AGENT);

        given().auth().oauth2(amyToken).contentType(ContentType.JSON).body(Map.of("status", "ONLINE"))
                .put("/api/v1/agents/" + amy + "/status").then().statusCode(200).body("status", equalTo("ONLINE"));
        given().auth().oauth2(amyToken).get("/api/v1/agents/" + amy).then().statusCode(200);
        problem(given().auth().oauth2(amyToken).contentType(ContentType.JSON).body(Map.of("status", "OFFLINE"))
                .put("/api/v1/agents/" + bob + "/status").then(), 403);
        problem(given().auth().oauth2(amyToken).get("/api/v1/agents/" + bob).then(), 403);
        problem(given().auth().oauth2(amyToken).get("/api/v1/agents").then(), 403);
        problem(given().auth().oauth2(amyToken).contentType(ContentType.JSON).body(Map.of("capacity", 9))
                .patch("/api/v1/agents/" + amy).then(), 403);
        problem(given().auth().oauth2(amyToken).contentType(ContentType.JSON).body(f.agentBody("carl"))
                .post("/api/v1/agents").then(), 403);
        problem(given().get("/api/v1/agents/" + amy).then(), 401);
        assertThat(given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/agents/" + bob).then().extract()
                .<String>path("status")).isEqualTo("ONLINE");
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        String base = "/api/v1/agents";
        Map<String, Object> valid = f.agentBody("valid");
        List<Map<String, Object>> invalid = List.of(
                f.agentBody("x1", "capacity", -1),
                f.agentBody("x2", "tier", "L9"),
                f.agentBody("x3", "skills", List.of()),
                f.agentBody("x4", "skills", List.of("PIZZA")),
                f.agentBody("x5", "languages", List.of("not a tag!")),
                f.agentBody("x6", "status", "SLEEPING"),
                f.agentBody("x7", "name", " "),
                f.agentBody("x8", "shift", Map.of("zone", "Mars/Olympus", "days", ALL_DAYS, "start", "09:00", "end", "17:00")),
                f.agentBody("x9", "shift", Map.of("zone", "UTC", "days", ALL_DAYS, "start", "09:00", "end", "09:00")),
                f.agentBody("x10", "capacity", "many"),
                Map.of("id", "has spaces", "name", "n", "tier", "L1", "skills", List.of("KYC"), "languages", List.of("en"),
                        "capacity", 1));
        for (Map<String, Object> body : invalid) {
            ValidatableResponse response = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                    .post(base).then();
            problem(response, 400).body("type", org.hamcrest.Matchers.startsWith("https://exdesk.io/problems/"));
            given().auth().oauth2(ADMIN).get(base + "/" + body.get("id")).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"id\": ").post(base).then(), 400);
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.TEXT).body("hello").post(base).then(), 415);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(valid).post(base).then().statusCode(201);
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(valid).post(base).then(), 409);
        String id = (String) valid.get("id");
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("capacity", 5000))
                .patch(base + "/" + id).then(), 400);
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("status", "LUNCH"))
                .put(base + "/" + id + "/status").then(), 400);
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("capacity", 1))
                .patch(base + "/nobody-" + UUID.randomUUID()).then(), 404);
        problem(given().auth().oauth2(ADMIN).queryParam("status", "SLEEPING").get(base).then(), 400);
        problem(given().auth().oauth2(ADMIN).queryParam("cursor", "!!!").get(base).then(), 400);
        problem(given().auth().oauth2(ADMIN).queryParam("limit", 0).get(base).then(), 400);
        given().auth().oauth2(ADMIN).get(base + "/" + id).then().statusCode(200)
                .body("capacity", equalTo(3)).body("status", equalTo("ONLINE")).body("version", equalTo(1));
    }

    @Test
    void capacityCannotDropBelowTheOpenTicketsAndRetriesWithTheSameKeyReplay() {
        String amy = f.agent("amy", "capacity", 2);
        f.assigned(f.publish(f.ticket(io.exdesk.events.Priority.LOW, io.exdesk.events.Category.GENERAL)));
        f.assigned(f.publish(f.ticket(io.exdesk.events.Priority.LOW, io.exdesk.events.Category.GENERAL)));
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("capacity", 1))
                .patch("/api/v1/agents/" + amy).then(), 409);
        assertThat(f.openTickets(amy)).isEqualTo(2);

        Map<String, Object> body = f.agentBody("bob");
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(ADMIN).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/agents").then().statusCode(201);
        given().auth().oauth2(ADMIN).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/agents").then().statusCode(201).header("Idempotent-Replayed", "true");
        problem(given().auth().oauth2(ADMIN).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(f.agentBody("carl")).post("/api/v1/agents").then(), 422);
    }

    @Test
    void aShiftSetsAvailabilityAtItsEdges() {
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        Map<String, Object> onShift = Map.of("zone", "UTC", "days", ALL_DAYS,
                "start", now.minusHours(1).withNano(0).toString(), "end", now.plusHours(1).withNano(0).toString());
        Map<String, Object> offShift = Map.of("zone", "UTC", "days", ALL_DAYS,
                "start", now.plusHours(2).withNano(0).toString(), "end", now.plusHours(3).withNano(0).toString());
        String starting = f.agent("starting", "status", "OFFLINE", "shift", onShift);
        String ending = f.agent("ending", "status", "ONLINE", "shift", offShift);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(status(starting)).isEqualTo("ONLINE");
            assertThat(status(ending)).isEqualTo("OFFLINE");
        });
        given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/agents/" + starting).then()
                .body("shift.zone", equalTo("UTC")).body("shift.days", org.hamcrest.Matchers.hasSize(7));
        // Within the shift the agent may still step away: only the shift's edges change the status.
        f.status(starting, "AWAY");
        f.status(ending, "ONLINE");
        // Let the housekeeping run (1 s in tests) a few more times; the status must not be flipped back.
        String marker = f.agent("marker", "status", "OFFLINE", "shift", onShift);
        await().atMost(Duration.ofSeconds(15)).until(() -> "ONLINE".equals(status(marker)));
        assertThat(status(starting)).isEqualTo("AWAY");
        assertThat(status(ending)).isEqualTo("ONLINE");
    }

    private static String status(String agentId) {
        return given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/agents/" + agentId).then().extract().path("status");
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }
}
