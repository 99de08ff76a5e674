package io.exdesk.systemtests;

import static io.exdesk.systemtests.Users.SUPERVISOR;
import static io.exdesk.systemtests.Users.TICKETS;
import static io.exdesk.systemtests.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.systemtests.Users.Agent;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: a supervisor raises the priority of a waiting ticket. Its due times shrink to the higher
 * priority's targets, counted from its creation, and routing moves it ahead in the queue, so the next
 * agent to come online receives it first.
 */
@Order(6)
class PriorityRaisedTest {

    @Test
    void raisingAWaitingTicketsPriorityShrinksItsDueTimesAndMovesItAheadInTheQueue() {
        RunningExDesk.get();
        // Japanese: no other scenario's agent can take these tickets.
        Agent agent = Users.register(new Agent("s6-agent", "L1", "s6-team", List.of("KYC"), List.of("ja"), 1, false,
                "OFFLINE"));
        String normal = open("NORMAL");
        String low = open("LOW");
        await("both queued, NORMAL first").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Users.queue()).filteredOn(List.of(normal, low)::contains).containsExactly(normal, low));
        JsonPath before = await("the LOW ticket's clocks").atMost(Duration.ofSeconds(60))
                .until(() -> Users.ticketView(low), view -> view.getString("sla.FIRST_RESPONSE.dueAt") != null
                        && view.getString("sla.RESOLUTION.dueAt") != null);
        Instant createdAt = Instant.parse(before.getString("createdAt"));
        Instant firstResponseBefore = Instant.parse(before.getString("sla.FIRST_RESPONSE.dueAt"));
        Instant resolutionBefore = Instant.parse(before.getString("sla.RESOLUTION.dueAt"));

        as(SUPERVISOR, TICKETS).body(Map.of("priority", "HIGH")).patch("/api/v1/tickets/" + low).then().statusCode(200);

        JsonPath after = await("due times recomputed for HIGH").atMost(Duration.ofSeconds(60))
                .until(() -> Users.ticketView(low), view -> view.getString("sla.FIRST_RESPONSE.dueAt") != null
                        && Instant.parse(view.getString("sla.FIRST_RESPONSE.dueAt")).isBefore(firstResponseBefore));
        assertThat(after.getString("priority")).isEqualTo("HIGH");
        Instant firstResponseAfter = Instant.parse(after.getString("sla.FIRST_RESPONSE.dueAt"));
        Instant resolutionAfter = Instant.parse(after.getString("sla.RESOLUTION.dueAt"));
        assertThat(resolutionAfter).isBefore(resolutionBefore);
        // The policies of a VIP: LOW 2 h / 36 h, HIGH 7.5 min / 2 h, from the ticket's creation (to the
        // millisecond: the recomputation counts the time already used in milliseconds).
        assertThat(Duration.between(createdAt, firstResponseBefore)).isCloseTo(Duration.ofHours(2), Duration.ofMillis(1));
        assertThat(Duration.between(createdAt, firstResponseAfter)).isCloseTo(Duration.ofSeconds(450), Duration.ofMillis(1));
        assertThat(Duration.between(createdAt, resolutionAfter)).isCloseTo(Duration.ofHours(2), Duration.ofMillis(1));

        await("the raised ticket moved ahead").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Users.queue()).filteredOn(List.of(normal, low)::contains).containsExactly(low, normal));
        Users.setStatus(agent.id(), "ONLINE");
        await("the agent receives the raised ticket first").atMost(Duration.ofSeconds(60))
                .until(() -> Users.ticketView(low).getString("assigneeId"), agent.id()::equals);
        assertThat(Users.queue()).contains(normal);
        Users.close(low);
        await("then the other").atMost(Duration.ofSeconds(60))
                .until(() -> Users.ticketView(normal).getString("assigneeId"), agent.id()::equals);
        Users.close(normal);
    }

    private static String open(String priority) {
        Map<String, Object> request = Users.ticket("s6-customer", "VIP", "ja", "本人確認について", "本人確認の書類が承認されません。");
        request.put("category", "KYC");
        request.put("priority", priority);
        return Users.openTicket(request).getString("id");
    }
}
