package io.exdesk.systemtests;

import static io.exdesk.systemtests.Users.ROUTING;
import static io.exdesk.systemtests.Users.SUPERVISOR;
import static io.exdesk.systemtests.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.systemtests.Users.Agent;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 9: an agent with open tickets goes offline. The most urgent goes to the colleague who has
 * room (told why), the rest wait in the queue, none is lost; when another colleague comes online the
 * queue drains to them.
 */
@Order(9)
class AgentGoesOfflineTest {

    @Test
    void anAgentGoingOfflineHandsTheirTicketsToOthersOrTheQueueAndNoneIsLost() {
        RunningExDesk.get();
        // Italian: no other scenario's agent can take these tickets.
        List<String> skills = List.of("DEPOSIT");
        Agent leaving = Users.register(new Agent("s9-leaving", "L1", "s9-team", skills, List.of("it"), 5, false, "ONLINE"));
        List<String> tickets = new ArrayList<>();
        for (String priority : List.of("NORMAL", "HIGH", "LOW")) {
            Map<String, Object> request = Users.ticket("s9-customer", "VIP", "it", "Deposito mancante",
                    "Il mio deposito non è ancora arrivato.");
            request.put("category", "DEPOSIT");
            request.put("priority", priority);
            tickets.add(Users.openTicket(request).getString("id"));
        }
        String high = tickets.get(1);
        await("all three with the agent").atMost(Duration.ofSeconds(60)).until(() -> tickets.stream()
                .allMatch(id -> leaving.id().equals(Users.ticketView(id).getString("assigneeId"))));
        Agent colleague = Users.register(new Agent("s9-colleague", "L1", "s9-team", skills, List.of("it"), 1, false,
                "ONLINE"));

        Users.setStatus(leaving.id(), "OFFLINE");

        await("the most urgent handed to the colleague").atMost(Duration.ofSeconds(60))
                .until(() -> Users.ticketView(high).getString("assigneeId"), colleague.id()::equals);
        await("the others queued").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Users.queue()).filteredOn(tickets::contains).containsExactly(tickets.get(0), tickets.get(2)));
        for (String id : tickets) {
            JsonPath routing = as(SUPERVISOR, ROUTING).get("/api/v1/routing/tickets/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(routing.getString("state")).as(id).isIn("ASSIGNED", "QUEUED");
            assertThat(routing.getString("assigneeId")).as(id + " is not left with the offline agent")
                    .isNotEqualTo(leaving.id());
        }
        assertThat(as(SUPERVISOR, ROUTING).get("/api/v1/agents/" + leaving.id() + "/inbox").then().statusCode(200)
                .extract().jsonPath().getList("items")).as("the offline agent's inbox").isEmpty();
        await("the colleague told why").atMost(Duration.ofSeconds(60)).until(() -> Users.emailsTo(colleague.email())
                .stream().anyMatch(m -> Users.text(m).contains("(AGENT_UNAVAILABLE)")));

        Agent later = Users.register(new Agent("s9-later", "L1", "s9-team", skills, List.of("it"), 5, false, "ONLINE"));
        for (String id : List.of(tickets.get(0), tickets.get(2))) {
            await("the queue drains to the agent who came online").atMost(Duration.ofSeconds(60))
                    .until(() -> Users.ticketView(id).getString("assigneeId"), later.id()::equals);
        }
        tickets.forEach(Users::close);
    }
}
