package io.exdesk.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.systemtests.Users.Agent;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: nobody answers an urgent ticket. Under a first-response target of 40 s with warnings at
 * 25, 50 and 60 %, the assignee is warned at each level before the due time, the ticket goes to the
 * next tier up at the third warning (routing's escalation level), well before the target passes, and
 * to the team's supervisor when it breaches; the supervisor (e-mail and chat) and the ops channel are
 * told of the breach once each, and the ticket shows it.
 */
@Order(2)
class UnansweredTicketTest {

    private static final Duration FIRST_RESPONSE = Duration.ofSeconds(40);
    private static final List<String> SKILLS = List.of("ACCOUNT_ACCESS");

    @Test
    void warningsAtEachLevelThenEscalationBeforeTheTargetThenTheBreachToSupervisorAndOpsOnce() {
        String sla = RunningExDesk.get().url(Users.SLA);
        try (Users.Restore policy = Users.policy("URGENT", "STANDARD", "PT40S", "PT1H", List.of(0.25, 0.5, 0.6))) {
            // German: no other scenario's agent can take the ticket.
            Agent first = Users.register(new Agent("s2-l1", "L1", "s2-team", SKILLS, List.of("de"), 5, false, "ONLINE"));
            Agent higher = Users.register(new Agent("s2-l2", "L2", "s2-team", SKILLS, List.of("de"), 5, false, "ONLINE"));
            Agent supervisor = Users.register(new Agent("s2-supervisor", "SUPERVISOR", "s2-team", SKILLS, List.of("de"), 20,
                    false, "ONLINE"));
            double breachesBefore = Metrics.scrape(sla).value("sla_breaches_total", "priority", "URGENT", "tier", "STANDARD",
                    "clock", "FIRST_RESPONSE");

            Map<String, Object> request = Users.ticket("s2-customer", "STANDARD", "de", "Konto gesperrt",
                    "Ich komme seit heute Morgen nicht mehr in mein Konto und muss dringend eine Auszahlung stoppen.");
            request.put("category", "ACCOUNT_ACCESS");
            request.put("priority", "URGENT");
            JsonPath created = Users.openTicket(request);
            String id = created.getString("id");
            String number = created.getString("number");

            JsonPath routed = await("routed to the first tier with its clock").atMost(Duration.ofSeconds(60))
                    .until(() -> Users.ticketView(id), view -> view.getString("sla.FIRST_RESPONSE.dueAt") != null
                            && view.getString("assigneeId") != null);
            assertThat(routed.getString("assigneeId")).isEqualTo(first.id());
            Instant dueAt = Instant.parse(routed.getString("sla.FIRST_RESPONSE.dueAt"));
            assertThat(Duration.between(Instant.parse(created.getString("createdAt")), dueAt))
                    .isBetween(FIRST_RESPONSE.minusSeconds(1), FIRST_RESPONSE.plusSeconds(1));

            JsonPath breached = await("the ticket shows the breach").atMost(FIRST_RESPONSE.plusSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Users.ticketView(id), view -> "BREACHED".equals(view.getString("sla.FIRST_RESPONSE.state")));
            assertThat(breached.getString("sla.RESOLUTION.state")).isEqualTo("RUNNING");
            await("the breach took the ticket to the team's supervisor").atMost(Duration.ofSeconds(60))
                    .until(() -> Users.ticketView(id).getString("assigneeId"), supervisor.id()::equals);

            // Everything owed for the ticket so far is sent: what follows counts it whole.
            List<Map<String, Object>> deliveries = await("every delivery of the ticket sent").atMost(Duration.ofSeconds(60))
                    .until(() -> Users.deliveries(id), all -> all.stream().filter(d -> "sla-breached".equals(d.get("rule"))).count() == 3
                            && all.stream().allMatch(d -> "SENT".equals(d.get("status"))));

            // The first-tier agent was warned at each level by e-mail, each before the due time.
            for (int level = 1; level <= 3; level++) {
                String subject = "[ExDesk] SLA warning " + level + ": " + number + " (URGENT)";
                List<Map<String, Object>> warnings = deliveries.stream().filter(d -> subject.equals(d.get("subject"))
                        && first.email().equals(d.get("address"))).toList();
                assertThat(warnings).as("warning %d e-mailed to %s", level, first.id()).hasSize(1);
                assertThat(Instant.parse((String) warnings.get(0).get("sentAt"))).as("warning %d sent before due", level)
                        .isBefore(dueAt);
                assertThat(Users.emailsTo(first.email())).as("warning %d received", level)
                        .filteredOn(m -> Users.subject(m).equals(subject)).hasSize(1);
            }
            // The escalation reached the next tier up before the target passed.
            Map<String, Object> escalated = deliveries.stream().filter(d -> "ticket-assigned".equals(d.get("rule"))
                    && higher.email().equals(d.get("address"))).findFirst().orElseThrow(
                            () -> new AssertionError("no assignment to " + higher.id() + " in " + deliveries));
            assertThat(Instant.parse((String) escalated.get("occurredAt"))).as("escalated before due").isBefore(dueAt);
            assertThat(Users.emailsTo(higher.email())).filteredOn(m -> Users.subject(m).contains(number))
                    .anySatisfy(m -> assertThat(Users.text(m)).contains("was assigned to you (ESCALATED)"));

            // The breach: the supervisor by e-mail and chat, the ops channel, once each.
            String breachSubject = "[ExDesk] SLA breached: " + number + " (URGENT)";
            assertThat(Users.emailsTo(supervisor.email())).filteredOn(m -> Users.subject(m).equals(breachSubject)).hasSize(1);
            assertThat(Users.chatTo(supervisor)).filteredOn(c -> c.body().contains("SLA breached: " + number)).hasSize(1);
            List<WebhookReceiver.Call> ops = WebhookReceiver.get().successfulCalls("/hooks/ops").stream()
                    .filter(c -> c.body().contains(id)).toList();
            assertThat(ops).hasSize(1);
            assertThat(ops.get(0).body()).contains("\"eventType\":\"sla-breached\"", number);
            assertThat(ops.get(0).header("X-ExDesk-Signature")).startsWith("sha256=");
            assertThat(Instant.parse((String) deliveries.stream().filter(d -> "sla-breached".equals(d.get("rule")))
                    .map(d -> d.get("occurredAt")).filter(Objects::nonNull).findFirst().orElseThrow()))
                    .as("the breach is at the due time, not before").isAfterOrEqualTo(dueAt);
            await("sla_breaches_total counted it once").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Metrics.scrape(sla).value("sla_breaches_total", "priority", "URGENT", "tier", "STANDARD",
                            "clock", "FIRST_RESPONSE") - breachesBefore).isEqualTo(1));
            Users.close(id);
        }
    }
}
