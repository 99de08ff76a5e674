package io.exdesk.routing;

import static io.exdesk.routing.RoutingFixture.SUPERVISOR_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An agent's inbox and live stream (Server-Sent Events): their own only, newest assignments first. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class AgentInboxAndStreamTest {

    @Inject
    KafkaClientService kafka;

    private final RoutingFixture f = new RoutingFixture();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void theInboxListsAnAgentsOpenTicketsNewestAssignmentFirst() {
        String amy = f.agent("amy", "capacity", 5);
        String bob = f.agent("bob", "status", "OFFLINE");
        TicketCreated first = f.publish(f.ticket(Priority.LOW, Category.GENERAL));
        f.assigned(first);
        TicketCreated second = f.publish(f.ticket(Priority.URGENT, Category.GENERAL));
        f.assigned(second);
        TicketCreated third = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL));
        f.assigned(third);
        String amyToken = TestTokens.of(amy, Roles.AGENT);
        String inbox = "/api/v1/agents/" + amy + "/inbox";

        String cursor = given().auth().oauth2(amyToken).queryParam("limit", 2).get(inbox).then().statusCode(200)
                .body("items.ticketId", contains(third.ticketId().toString(), second.ticketId().toString()))
                .body("items[0].ticketNumber", equalTo(third.ticketNumber()))
                .body("items[0].state", equalTo("ASSIGNED"))
                .extract().path("nextCursor");
        given().auth().oauth2(amyToken).queryParam("limit", 2).queryParam("cursor", cursor).get(inbox).then()
                .statusCode(200).body("items.ticketId", contains(first.ticketId().toString()))
                .body("nextCursor", nullValue());

        f.status(second, 2, TicketStatus.NEW, TicketStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(SUPERVISOR_TOKEN).get(inbox)
                .then().statusCode(200)
                .body("items.ticketId", contains(third.ticketId().toString(), first.ticketId().toString())));

        problem(given().auth().oauth2(TestTokens.of(bob, Roles.AGENT)).get(inbox), 403);
        problem(given().get(inbox), 401);
        problem(given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/agents/" + f.prefix + "nobody/inbox"), 404);
        problem(given().auth().oauth2(amyToken).queryParam("cursor", "bm90LWEtY3Vyc29y").get(inbox), 400);
        problem(given().auth().oauth2(amyToken).queryParam("limit", 101).get(inbox), 400);
    }

    @Test
    void anAgentStreamsTheirOwnAssignmentsAsServerSentEvents() throws Exception {
        String amy = f.agent("amy", "capacity", 5);
        String bob = f.agent("bob", "status", "OFFLINE");
        awaitStreamPositioned();

        HttpResponse<Stream<String>> forbidden = open(amy, TestTokens.of(bob, Roles.AGENT));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        forbidden.body().close();

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = open(amy, TestTokens.of(amy, Roles.AGENT));
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try {
                stream.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            TicketCreated ticket = f.publish(f.ticket(Priority.HIGH, Category.GENERAL));
            assertThat(f.assigned(ticket).agentId()).isEqualTo(amy);
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                    && line.contains(ticket.ticketId().toString()) && line.contains("\"type\":\"ASSIGNED\"")));

            f.status(bob, "ONLINE");
            given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of("agentId", bob))
                    .put("/api/v1/routing/tickets/" + ticket.ticketId() + "/assignee").then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                    && line.contains("\"type\":\"UNASSIGNED\"") && line.contains("\"agentId\":\"" + bob + "\"")
                    && line.contains("\"reason\":\"REASSIGNED\"")));
            // Another agent's tickets never appear on amy's stream.
            f.status(amy, "AWAY");
            TicketCreated bobs = f.publish(f.ticket(Priority.HIGH, Category.GENERAL));
            assertThat(f.assigned(bobs).agentId()).isEqualTo(bob);
            f.status(amy, "ONLINE");
            TicketCreated marker = f.publish(f.ticket(Priority.HIGH, Category.GENERAL));
            assertThat(f.assigned(marker).agentId()).isEqualTo(amy); // 0/5 against bob's 2/3
            // bob's assignment was published before the marker existed: by the time the marker shows, it was read.
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream()
                    .anyMatch(line -> line.contains(marker.ticketId().toString())));
            assertThat(lines).noneMatch(line -> line.contains(bobs.ticketId().toString()));
        } finally {
            stream.body().close();
        }
    }

    /** The stream reads assignment-events from "now": wait until its consumer has a position to read from. */
    private void awaitStreamPositioned() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer("assignment-stream");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            java.util.Set<TopicPartition> partitions = consumer.getAssignments().await().atMost(Duration.ofSeconds(5));
            if (partitions.isEmpty()) {
                return false;
            }
            consumer.runOnPollingThread(c -> {
                partitions.forEach(c::position);
                return null;
            }).await().atMost(Duration.ofSeconds(10));
            return true;
        });
    }

    private HttpResponse<Stream<String>> open(String agentId, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/v1/agents/" + agentId + "/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void problem(io.restassured.response.Response response, int status) {
        response.then().statusCode(status).contentType("application/problem+json");
    }
}
