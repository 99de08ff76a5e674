package io.exdesk.systemtests;

import static io.exdesk.systemtests.Users.TICKETS;
import static io.exdesk.systemtests.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.CloudEvents;
import io.exdesk.events.Topics;
import io.exdesk.systemtests.Users.Agent;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TopicProbe;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the agent replies in time. The first-response clock is met, and nothing is owed for it
 * afterwards: no warning and no breach, not even once its due time has passed.
 */
@Order(3)
class AnsweredInTimeTest {

    private static final Duration FIRST_RESPONSE = Duration.ofSeconds(15);

    @Test
    void aReplyBeforeTheFirstWarningMeetsTheClockAndNothingFollows() {
        String sla = RunningExDesk.get().url(Users.SLA);
        try (Users.Restore policy = Users.policy("HIGH", "STANDARD", "PT15S", "PT1H", List.of(0.5, 0.75, 0.9))) {
            // Spanish: no other scenario's agent can take the ticket.
            Agent agent = Users.register(new Agent("s3-agent", "L1", "s3-team", List.of("WITHDRAWAL"), List.of("es"), 5, false,
                    "ONLINE"));
            double metBefore = Metrics.scrape(sla).value("sla_met_total", "priority", "HIGH", "tier", "STANDARD",
                    "clock", "FIRST_RESPONSE");

            Map<String, Object> request = Users.ticket("s3-customer", "STANDARD", "es", "Retiro pendiente",
                    "Mi retiro de USDT lleva dos horas pendiente.");
            request.put("category", "WITHDRAWAL");
            request.put("priority", "HIGH");
            String id = Users.openTicket(request).getString("id");
            await("assigned").atMost(Duration.ofSeconds(60)).until(() -> Users.ticketView(id).getString("assigneeId"),
                    agent.id()::equals);

            as(agent.token(), TICKETS).body(Map.of("body", "Estamos revisando su retiro ahora mismo."))
                    .post("/api/v1/tickets/" + id + "/replies").then().statusCode(201);

            JsonPath met = await("the first-response clock met").atMost(Duration.ofSeconds(60))
                    .until(() -> Users.ticketView(id), view -> "MET".equals(view.getString("sla.FIRST_RESPONSE.state")));
            assertThat(met.getString("firstRespondedAt")).isNotNull();
            Instant dueAt = Instant.parse(met.getString("sla.FIRST_RESPONSE.dueAt"));
            assertThat(met.getInt("sla.FIRST_RESPONSE.warningLevel")).as("answered before the first warning").isZero();
            await("sla_met_total counted it").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Metrics.scrape(sla).value("sla_met_total", "priority", "HIGH", "tier", "STANDARD",
                            "clock", "FIRST_RESPONSE") - metBefore).isEqualTo(1));

            // Past the due time, and past the breach that would have fired then (sla-service fires within a second).
            Duration untilPastDue = Duration.between(Instant.now(), dueAt.plusSeconds(3));
            await("past the due time").pollDelay(untilPastDue.isNegative() ? Duration.ZERO : untilPastDue)
                    .atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(3)));
            try (TopicProbe slaEvents = new TopicProbe(Topics.SLA_EVENTS)) {
                // The resolution clock's own sla-scheduled on a resolution would come later; the met event is the marker.
                List<String> types = await("the met event read back").atMost(Duration.ofSeconds(30))
                        .until(() -> slaEvents.poll().stream().filter(r -> id.equals(r.key()))
                                .map(r -> TopicProbe.header(r, CloudEvents.TYPE)).toList(),
                                seen -> seen.stream().anyMatch(t -> t != null && t.endsWith("sla-met")));
                assertThat(types).as("nothing but scheduling and the met clock for " + id)
                        .noneMatch(t -> t.endsWith("sla-warning") || t.endsWith("sla-breached"));
            }
            JsonPath after = Users.ticketView(id);
            assertThat(after.getString("sla.FIRST_RESPONSE.state")).isEqualTo("MET");
            assertThat(Users.deliveries(id)).extracting(d -> d.get("rule")).containsOnly("ticket-assigned");
            assertThat(Users.emailsTo(agent.email())).extracting(Users::subject).noneMatch(s -> s.contains("SLA"));
            Users.close(id);
        }
    }
}
