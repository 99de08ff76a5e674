package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.body;
import static io.exdesk.ticket.TicketApi.createId;
import static io.exdesk.ticket.TicketApi.platform;
import static io.exdesk.ticket.TicketApi.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.exdesk.events.CustomerReplied;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketResponded;
import io.exdesk.events.TicketStatus;
import io.exdesk.events.Topics;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Priority and status changes, replies, optimistic concurrency, the audit trail and their events. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketLifecycleTest {

    private TopicProbe probe;

    @BeforeEach
    void observe() {
        probe = new TopicProbe(Topics.TICKET_EVENTS);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void priorityChangeBumpsTheVersionAndEmitsPriorityChanged() {
        String id = createId(body("Trade failed", "order rejected", "\"category\":\"TRADING\",\"priority\":\"NORMAL\""));
        supervisor().header("If-Match", "\"1\"").body("{\"priority\":\"URGENT\"}")
                .patch("/api/v1/tickets/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("priority", equalTo("URGENT"))
                .body("version", equalTo(2));

        PriorityChanged event = TestEventPublisher.decode(awaitEvent(id, "priority-changed").value(),
                PriorityChanged.class);
        assertThat(event.previousPriority().name()).isEqualTo("NORMAL");
        assertThat(event.priority().name()).isEqualTo("URGENT");
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.changedBy()).isEqualTo("supervisor-1");
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String id = createId(body("Stale", "two agents at once", "\"category\":\"GENERAL\",\"priority\":\"LOW\""));
        supervisor().body("{\"priority\":\"HIGH\"}").patch("/api/v1/tickets/" + id).then().statusCode(200);
        supervisor().header("If-Match", "\"1\"").body("{\"priority\":\"URGENT\"}")
                .patch("/api/v1/tickets/" + id)
                .then().statusCode(412)
                .contentType("application/problem+json");
        supervisor().get("/api/v1/tickets/" + id).then().body("priority", equalTo("HIGH")).body("version", equalTo(2));
    }

    @Test
    void statusMovesThroughTheStateMachine() {
        String id = createId(body("Lifecycle", "walk it through", "\"category\":\"GENERAL\",\"priority\":\"LOW\""));
        patchStatus(id, "IN_PROGRESS").statusCode(200);
        patchStatus(id, "NEW").statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://exdesk.io/problems/conflict"));
        patchStatus(id, "ASSIGNED").statusCode(409);
        patchStatus(id, "RESOLVED").statusCode(200).body("resolvedAt", org.hamcrest.Matchers.notNullValue());
        patchStatus(id, "CLOSED").statusCode(200);
        patchStatus(id, "IN_PROGRESS").statusCode(409);

        List<StatusChanged> changes = events(id, "status-changed", StatusChanged.class, 3);
        assertThat(changes).extracting(StatusChanged::status)
                .containsExactly(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, TicketStatus.CLOSED);
        assertThat(changes).extracting(StatusChanged::version).containsExactly(2L, 3L, 4L);
    }

    @Test
    void agentRepliesEmitTicketRespondedAndCustomerRepliesReopen() {
        String id = createId(body("Replies", "please help", "\"category\":\"GENERAL\",\"priority\":\"LOW\""));
        supervisor().body("{\"body\":\"We are on it\"}").post("/api/v1/tickets/" + id + "/replies")
                .then().statusCode(201).body("authorType", equalTo("AGENT"));
        supervisor().body("{\"body\":\"Any news?\"}").post("/api/v1/tickets/" + id + "/replies").then().statusCode(201);
        patchStatus(id, "RESOLVED").statusCode(200);
        platform().body("{\"body\":\"It happened again\"}").post("/api/v1/tickets/" + id + "/customer-replies")
                .then().statusCode(201).body("authorType", equalTo("CUSTOMER"));

        platform().get("/api/v1/tickets/" + id)
                .then().body("status", equalTo("IN_PROGRESS")).body("resolvedAt", nullValue())
                .body("firstRespondedAt", org.hamcrest.Matchers.notNullValue());
        List<TicketResponded> responses = events(id, "ticket-responded", TicketResponded.class, 2);
        assertThat(responses).extracting(TicketResponded::firstResponse).containsExactly(true, false);
        CustomerReplied replied = events(id, "customer-replied", CustomerReplied.class, 1).get(0);
        assertThat(replied.reopened()).isTrue();
        List<StatusChanged> changes = events(id, "status-changed", StatusChanged.class, 2);
        assertThat(changes.get(1).previousStatus()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(changes.get(1).status()).isEqualTo(TicketStatus.IN_PROGRESS);

        platform().get("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(200)
                .body("body", contains("We are on it", "Any news?", "It happened again"));
        platform().get("/api/v1/tickets/" + id + "/history")
                .then().statusCode(200)
                .body("action", contains("CREATED", "AGENT_REPLIED", "AGENT_REPLIED", "STATUS_CHANGED",
                        "CUSTOMER_REPLIED", "STATUS_CHANGED"))
                .body("actor[0]", equalTo(TicketApi.PLATFORM))
                .body("actor[1]", equalTo("supervisor-1"))
                .body("[3].field", equalTo("status"))
                .body("[3].from", equalTo("NEW"))
                .body("[3].to", equalTo("RESOLVED"));
    }

    @Test
    void aClosedTicketTakesNoReplies() {
        String id = createId(body("Closed", "done", "\"category\":\"GENERAL\",\"priority\":\"LOW\""));
        patchStatus(id, "CLOSED").statusCode(200);
        platform().body("{\"body\":\"one more thing\"}").post("/api/v1/tickets/" + id + "/customer-replies")
                .then().statusCode(409).contentType("application/problem+json");
        supervisor().body("{\"body\":\"late\"}").post("/api/v1/tickets/" + id + "/replies").then().statusCode(409);
    }

    private io.restassured.response.ValidatableResponse patchStatus(String id, String status) {
        return supervisor().body("{\"status\":\"" + status + "\"}").patch("/api/v1/tickets/" + id).then();
    }

    private ConsumerRecord<String, String> awaitEvent(String id, String type) {
        return events(id, type, 1).get(0);
    }

    private List<ConsumerRecord<String, String>> events(String id, String type, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ofType(id, type).size() >= count);
        return ofType(id, type);
    }

    private <T extends io.exdesk.events.ExDeskEvent> List<T> events(String id, String type, Class<T> payload, int count) {
        return events(id, type, count).stream().map(r -> TestEventPublisher.decode(r.value(), payload)).toList();
    }

    private List<ConsumerRecord<String, String>> ofType(String id, String type) {
        return probe.withHeader("ce_subject", id).stream()
                .filter(r -> type.equals(TopicProbe.header(r, "ce_type"))).toList();
    }
}
