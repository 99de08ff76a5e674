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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the agent replies in time. The first-response clock is met, and nothing is owed for it
 * afterwards: no warning and no breach, not even once its due time has passed (a first-response target of
 * 40 s, so that even a slow machine answers before the first warning at 20 s as a rule: the reply follows the
 * assignment, which takes seconds; the scenario waits past the due time, so a longer target only costs time).
 */
@Order(3)
class AnsweredInTimeTest {

    private static final Duration FIRST_RESPONSE = Duration.ofSeconds(40);

    private static String type(ConsumerRecord<String, String> record) {
        String type = TopicProbe.header(record, CloudEvents.TYPE);
        return type == null ? "" : type;
    }

    @Test
    void aReplyInTimeMeetsTheClockAndNothingFollows() {
        String sla = RunningExDesk.get().url(Users.SLA);
        try (Users.Restore policy = Users.policy("HIGH", "STANDARD", "PT40S", "PT1H", List.of(0.5, 0.75, 0.9))) {
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
            Instant respondedAt = Instant.parse(met.getString("firstRespondedAt"));
            assertThat(respondedAt).as("answered in time").isBefore(dueAt);
            await("sla_met_total counted it").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Metrics.scrape(sla).value("sla_met_total", "priority", "HIGH", "tier", "STANDARD",
                            "clock", "FIRST_RESPONSE") - metBefore).isEqualTo(1));

            // Past the due time, and past the breach that would have fired then (sla-service fires within a second).
            Duration untilPastDue = Duration.between(Instant.now(), dueAt.plusSeconds(3));
            await("past the due time").pollDelay(untilPastDue.isNegative() ? Duration.ZERO : untilPastDue)
                    .atMost(FIRST_RESPONSE.plusSeconds(30)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(3)));
            try (TopicProbe slaEvents = new TopicProbe(Topics.SLA_EVENTS)) {
                // The met event is the marker: what the clock fired before it is read by then.
                int[] lastSize = {-1};
                List<ConsumerRecord<String, String>> events = await("the topic read to its end, the met event in it")
                        .atMost(Duration.ofSeconds(60)).until(() -> {
                            List<ConsumerRecord<String, String>> all = slaEvents.poll();
                            boolean toTheEnd = all.size() == lastSize[0];
                            lastSize[0] = all.size();
                            return toTheEnd ? all.stream().filter(r -> id.equals(r.key())).toList() : List.of();
                        }, seen -> seen.stream().anyMatch(r -> type(r).endsWith("sla-met")));
                assertThat(events).as("no breach of " + id).noneMatch(r -> type(r).endsWith("sla-breached"));
                // A slow machine may let a warning fire before the reply; none may follow it.
                assertThat(events).filteredOn(r -> type(r).endsWith("sla-warning"))
                        .as("warnings after the reply").allMatch(r -> Instant.parse(TopicProbe.header(r, CloudEvents.TIME))
                                .isBefore(respondedAt));
            }
            JsonPath after = Users.ticketView(id);
            assertThat(after.getString("sla.FIRST_RESPONSE.state")).isEqualTo("MET");
            assertThat(Users.deliveries(id)).as("nothing owed after the reply")
                    .allMatch(d -> Instant.parse((String) d.get("occurredAt")).isBefore(respondedAt));
            Users.close(id);
        }
    }
}
