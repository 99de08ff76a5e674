package io.exdesk.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.systemtests.Users.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: no agent is online, so the tickets queue; when an agent comes online they receive them
 * in priority order, the oldest first within a priority. The agent takes one at a time (capacity 1),
 * so each hand-out is seen on its own as the previous ticket is closed.
 */
@Order(5)
class QueuedUntilOnlineTest {

    @Test
    void ticketsWaitForAnAgentWhoThenReceivesThemMostUrgentFirst() {
        RunningExDesk.get();
        // Korean: no other scenario's agent can take these tickets.
        Agent agent = Users.register(new Agent("s5-agent", "L1", "s5-team", List.of("GENERAL"), List.of("ko"), 1, true,
                "OFFLINE"));
        List<String> opened = new ArrayList<>();
        Map<String, String> priorities = new java.util.HashMap<>();
        for (String priority : List.of("LOW", "HIGH", "NORMAL", "HIGH")) {
            Map<String, Object> request = Users.ticket("s5-customer", "VIP", "ko", "문의 " + priority,
                    "계정에 대해 질문이 있습니다.");
            request.put("category", "GENERAL");
            request.put("priority", priority);
            String id = Users.openTicket(request).getString("id");
            opened.add(id);
            priorities.put(id, priority);
        }
        List<String> expectedOrder = List.of(opened.get(1), opened.get(3), opened.get(2), opened.get(0));

        await("all four queued, most urgent first").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Users.queue()).filteredOn(opened::contains).containsExactlyElementsOf(expectedOrder));
        for (String id : opened) {
            assertThat(Users.ticketView(id).getString("assigneeId")).as("nobody holds " + id).isNull();
        }

        Users.setStatus(agent.id(), "ONLINE");
        for (int i = 0; i < expectedOrder.size(); i++) {
            String next = expectedOrder.get(i);
            await("the agent receives the " + priorities.get(next) + " ticket " + (i + 1) + " of 4")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> Users.ticketView(next).getString("assigneeId"), agent.id()::equals);
            assertThat(Users.queue()).as("still waiting").filteredOn(opened::contains)
                    .containsExactlyElementsOf(expectedOrder.subList(i + 1, expectedOrder.size()));
            Users.close(next);
        }
        // One e-mail per hand-out, in the order received.
        await("four assignment e-mails").atMost(Duration.ofSeconds(60))
                .until(() -> Users.emailsTo(agent.email()).size() >= 4);
        assertThat(Users.emailsTo(agent.email())).extracting(Users::subject).hasSize(4);
    }
}
