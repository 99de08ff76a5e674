package io.exdesk.routing;

import static io.exdesk.routing.RoutingFixture.SUPERVISOR_TOKEN;
import static io.exdesk.routing.RoutingFixture.assertReason;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketQueued;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The routing rules against the real broker and database: each test in a language of its own. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class RoutingRulesTest {

    private final RoutingFixture f = new RoutingFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void skillAndLanguageDecideWhoMayTakeATicket() {
        String deposits = f.agent("deposits", "skills", List.of("DEPOSIT"));
        String withdrawals = f.agent("withdrawals", "skills", List.of("WITHDRAWAL"));
        f.agent("other-language", "skills", List.of("DEPOSIT", "KYC"), "languages", List.of(RoutingFixture.uniqueLanguage()));
        f.agent("away", "skills", List.of("DEPOSIT", "KYC"), "status", "AWAY");

        assertThat(f.assigned(f.publish(f.ticket(Priority.NORMAL, Category.DEPOSIT))).agentId()).isEqualTo(deposits);
        assertThat(f.assigned(f.publish(f.ticket(Priority.NORMAL, Category.WITHDRAWAL))).agentId()).isEqualTo(withdrawals);
        // The agent's language covers the ticket's regional variant.
        TicketCreated regional = f.publish(f.ticket(Priority.NORMAL, Category.DEPOSIT, CustomerTier.STANDARD,
                f.language.toUpperCase() + "-CN", Instant.now()));
        TicketAssigned toDeposits = f.assigned(regional);
        assertThat(toDeposits.agentId()).isEqualTo(deposits);
        assertThat(toDeposits.reason()).isEqualTo(AssignmentReason.ROUTED);
        assertThat(toDeposits.previousAgentId()).isNull();
        assertThat(toDeposits.ticketNumber()).isEqualTo(regional.ticketNumber());
        assertThat(toDeposits.language()).isEqualTo(regional.language());
        // Only the agent in another language and the one who is away know KYC: queued.
        TicketCreated kyc = f.publish(f.ticket(Priority.HIGH, Category.KYC));
        TicketQueued queued = f.queued(kyc);
        assertThat(queued.priority()).isEqualTo(Priority.HIGH);
        assertThat(f.assignmentsOf(kyc.ticketId())).isEmpty();
        assertThat(f.state(kyc.ticketId())).isEqualTo("QUEUED");
    }

    @Test
    void vipTicketsGoToVipCapableAgentsFirst() {
        // "a-standard" would win every tie (idle as long, lower id) if VIP did not come first.
        String standard = f.agent("a-standard", "capacity", 5);
        String vip = f.agent("b-vip", "capacity", 5, "vipCapable", true);

        TicketCreated vipTicket = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL, CustomerTier.VIP, f.language,
                Instant.now()));
        assertThat(f.assigned(vipTicket).agentId()).isEqualTo(vip);
        // A standard ticket goes to the least loaded, who is the standard agent now.
        assertThat(f.assigned(f.publish(f.ticket(Priority.NORMAL, Category.GENERAL))).agentId()).isEqualTo(standard);
        // VIP first even when the VIP-capable agent is the more loaded one (1/5 and 1/5, then 2/5 vs 1/5).
        TicketCreated second = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL, CustomerTier.VIP, f.language,
                Instant.now()));
        assertThat(f.assigned(second).agentId()).isEqualTo(vip);
        f.status(vip, "AWAY");
        // No VIP-capable agent online: a VIP ticket still goes to an eligible agent rather than wait.
        TicketCreated third = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL, CustomerTier.VIP, f.language,
                Instant.now()));
        assertThat(f.assigned(third).agentId()).isEqualTo(standard);
    }

    @Test
    void theLeastLoadedThenTheLongestIdleGetsTheTicket() {
        String a = f.agent("a", "capacity", 2);
        String b = f.agent("b", "capacity", 4);
        String c = f.agent("c", "capacity", 4);
        // loads before each ticket: (0,0,0) ids decide; (1/2,0,0); (1/2,0,0)->c; (1/2,1/4,1/4) b idle longer;
        // (1/2,2/4,1/4); (1/2,1/2,1/2) a idle longest; (2/2 full, 1/2, 1/2) b idle longer.
        List<String> expected = List.of(a, b, c, b, c, a, b);
        for (String agent : expected) {
            assertThat(f.assigned(f.publish(f.ticket(Priority.NORMAL, Category.GENERAL))).agentId()).isEqualTo(agent);
        }
        assertThat(f.openTickets(a)).isEqualTo(2);
        assertThat(f.openTickets(b)).isEqualTo(3);
        assertThat(f.openTickets(c)).isEqualTo(2);
    }

    @Test
    void theQueueDrainsByPriorityThenAgeWheneverCapacityFrees() {
        Metrics before = Metrics.scrape();
        String a = f.agent("a", "capacity", 1);
        Instant base = Instant.now().minusSeconds(60);
        TicketCreated first = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL, CustomerTier.STANDARD, f.language, base));
        assertThat(f.assigned(first).agentId()).isEqualTo(a);

        TicketCreated low = f.publish(f.ticket(Priority.LOW, Category.GENERAL, CustomerTier.STANDARD, f.language, base.plusSeconds(1)));
        TicketCreated high = f.publish(f.ticket(Priority.HIGH, Category.GENERAL, CustomerTier.STANDARD, f.language, base.plusSeconds(2)));
        TicketCreated normal = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL, CustomerTier.STANDARD, f.language, base.plusSeconds(3)));
        TicketCreated urgent = f.publish(f.ticket(Priority.URGENT, Category.GENERAL, CustomerTier.STANDARD, f.language, base.plusSeconds(4)));
        for (TicketCreated t : List.of(low, high, normal, urgent)) {
            f.queued(t);
        }
        // The NORMAL ticket becomes URGENT: being older, it moves in front of the other URGENT one.
        f.publisher.publish(new PriorityChanged(normal.ticketId(), 2, Instant.now(), normal.ticketNumber(),
                Priority.NORMAL, Priority.URGENT, Category.GENERAL, CustomerTier.STANDARD, "lead"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(queueOfThisTest())
                .containsExactly(normal.ticketId(), urgent.ticketId(), high.ticketId(), low.ticketId()));

        // A ticket of the agent is resolved: the agent takes the front of the queue.
        f.status(first, 2, TicketStatus.NEW, TicketStatus.RESOLVED);
        assertReason(f.assigned(normal), a, AssignmentReason.ROUTED);
        // Capacity rises: the next one.
        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of("capacity", 2))
                .patch("/api/v1/agents/" + a).then().statusCode(200);
        assertReason(f.assigned(urgent), a, AssignmentReason.ROUTED);
        // An agent comes online: the next one.
        String b = f.agent("b", "status", "OFFLINE", "capacity", 1);
        // The creation has committed, and with it any assignment it made: the ticket must still be queued.
        assertThat(f.state(high.ticketId())).isEqualTo("QUEUED");
        f.status(b, "ONLINE");
        assertReason(f.assigned(high), b, AssignmentReason.ROUTED);
        assertThat(queueOfThisTest()).containsExactly(low.ticketId());
        assertThat(f.openTickets(a)).isEqualTo(2);

        // This test owes four ROUTED assignments (first, normal, urgent, high), two first assignments of URGENT
        // tickets (normal became URGENT before it was assigned) and one LOW ticket queued. Counted after commit,
        // so awaited; other tests' leftovers can only add, hence at least.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Metrics now = Metrics.scrape();
            assertThat(increase(before, now, "routing_assignments_total", "reason", "ROUTED")).isGreaterThanOrEqualTo(4);
            assertThat(increase(before, now, "routing_assignment_duration_seconds_count", "priority", "URGENT"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(increase(before, now, "routing_queued_total", "priority", "LOW")).isGreaterThanOrEqualTo(1);
        });
        // The gauges count the whole database, which other tests share: they must show what the API shows,
        // which includes this test's LOW ticket in the queue, a (2 of 2) and b (1 of 1) online and full.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            long queuedLow = queue().stream()
                    .filter(t -> "GENERAL".equals(t.get("category")) && "LOW".equals(t.get("priority"))).count();
            List<Map<String, Object>> agents = allAgents();
            long online = agents.stream().filter(agent -> "ONLINE".equals(agent.get("status"))).count();
            List<Map<String, Object>> l1Present = agents.stream().filter(agent -> "L1".equals(agent.get("tier"))
                    && !"OFFLINE".equals(agent.get("status"))).toList();
            double open = l1Present.stream().mapToInt(agent -> (Integer) agent.get("openTickets")).sum();
            double capacity = l1Present.stream().mapToInt(agent -> (Integer) agent.get("capacity")).sum();
            assertThat(queuedLow).isGreaterThanOrEqualTo(1);
            assertThat(online).isGreaterThanOrEqualTo(2);
            assertThat(open).isGreaterThanOrEqualTo(3);

            Metrics now = Metrics.scrape();
            assertThat(now.value("routing_queue_depth", "category", "GENERAL", "priority", "LOW")).isEqualTo(queuedLow);
            assertThat(now.value("routing_agents", "status", "ONLINE")).isEqualTo(online);
            assertThat(now.value("routing_agent_utilisation", "tier", "L1")).isCloseTo(open / capacity, within(1e-9));
        });
    }

    @Test
    void anAgentGoingOfflineHandsTheirTicketsBack() {
        String a = f.agent("a");
        String b = f.agent("b", "status", "OFFLINE");
        TicketCreated one = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL));
        assertThat(f.assigned(one).agentId()).isEqualTo(a);
        TicketCreated two = f.publish(f.ticket(Priority.HIGH, Category.GENERAL));
        assertThat(f.assigned(two).agentId()).isEqualTo(a);
        f.status(b, "ONLINE");
        f.status(a, "OFFLINE");

        for (TicketCreated t : List.of(one, two)) {
            TicketAssigned handedBack = f.assigned(t.ticketId(), 2);
            assertReason(handedBack, b, AssignmentReason.AGENT_UNAVAILABLE);
            assertThat(handedBack.previousAgentId()).isEqualTo(a);
        }
        assertThat(f.openTickets(a)).isZero();
        assertThat(f.openTickets(b)).isEqualTo(2);
        // Nobody else is there: the tickets wait in the queue, the most urgent in front.
        f.status(b, "OFFLINE");
        f.queued(one);
        f.queued(two);
        assertThat(queueOfThisTest()).containsExactly(two.ticketId(), one.ticketId());
        assertThat(f.openTickets(b)).isZero();
    }

    @Test
    void aSupervisorReassignsByApi() {
        String a = f.agent("a");
        String b = f.agent("b", "capacity", 1);
        TicketCreated ticket = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL));
        assertThat(f.assigned(ticket).agentId()).isEqualTo(a);
        String path = "/api/v1/routing/tickets/" + ticket.ticketId() + "/assignee";

        given().auth().oauth2(TestTokens.of(a, Roles.AGENT)).contentType(ContentType.JSON).body(Map.of("agentId", b))
                .put(path).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of("agentId", "nobody"))
                .put(path).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of("agentId", b))
                .put("/api/v1/routing/tickets/" + UUID.randomUUID() + "/assignee")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of())
                .put(path).then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of("agentId", b))
                .put(path).then().statusCode(200).body("assigneeId", org.hamcrest.Matchers.equalTo(b));
        TicketAssigned moved = f.assigned(ticket.ticketId(), 2);
        assertReason(moved, b, AssignmentReason.REASSIGNED);
        assertThat(moved.previousAgentId()).isEqualTo(a);
        assertThat(f.openTickets(a)).isZero();

        // b is full now: a second ticket cannot be pushed onto them.
        TicketCreated other = f.publish(f.ticket(Priority.NORMAL, Category.GENERAL));
        assertThat(f.assigned(other).agentId()).isEqualTo(a);
        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of("agentId", b))
                .put("/api/v1/routing/tickets/" + other.ticketId() + "/assignee")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(f.openTickets(b)).isEqualTo(1);
        // A later move of the same ticket is published after anything the refused one could have published:
        // once it shows, it must be the ticket's second assignment.
        String c = f.agent("c");
        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of("agentId", c))
                .put("/api/v1/routing/tickets/" + other.ticketId() + "/assignee").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.assignmentsOf(other.ticketId()).stream()
                .anyMatch(assignment -> c.equals(assignment.agentId())));
        List<TicketAssigned> otherAssignments = f.assignmentsOf(other.ticketId());
        assertThat(otherAssignments).extracting(TicketAssigned::agentId).containsExactly(a, c);
        assertThat(otherAssignments.get(1).previousAgentId()).isEqualTo(a);
    }

    @Test
    void duplicatesAndStaleFactsChangeNothing() {
        String a = f.agent("a", "capacity", 2);
        TicketCreated ticket = f.ticket(Priority.NORMAL, Category.GENERAL);
        UUID eventId = UUID.randomUUID();
        f.publisher.publish(ticket, eventId);
        f.publisher.publish(ticket, eventId); // redelivered
        f.publisher.publish(ticket); // replayed under another id
        assertThat(f.assigned(ticket).agentId()).isEqualTo(a);

        f.status(ticket, 3, TicketStatus.NEW, TicketStatus.RESOLVED);
        f.status(ticket, 2, TicketStatus.NEW, TicketStatus.IN_PROGRESS); // older than what was applied
        f.status(ticket, 3, TicketStatus.RESOLVED, TicketStatus.IN_PROGRESS); // same version again
        // A later fact of the same ticket (same partition, so consumed after the ones above) marks the point
        // where all of them have been seen.
        f.publisher.publish(new PriorityChanged(ticket.ticketId(), 4, Instant.now(), ticket.ticketNumber(),
                Priority.NORMAL, Priority.HIGH, Category.GENERAL, CustomerTier.STANDARD, "lead"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "HIGH".equals(given().auth().oauth2(SUPERVISOR_TOKEN)
                .get("/api/v1/routing/tickets/" + ticket.ticketId()).then().extract().path("priority")));
        assertThat(f.state(ticket.ticketId())).isEqualTo("DONE");
        assertThat(f.openTickets(a)).isZero();

        // A reopening with a newer version does route it again, recording who had it last. Its assignment is
        // published after any a duplicate could have caused (same ticket, same partition, outbox order), so once
        // it shows, the ticket must have exactly two: the first routing and this one.
        f.status(ticket, 5, TicketStatus.RESOLVED, TicketStatus.IN_PROGRESS);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.assignmentsOf(ticket.ticketId()).stream()
                .anyMatch(assigned -> a.equals(assigned.previousAgentId())));
        List<TicketAssigned> assignments = f.assignmentsOf(ticket.ticketId());
        assertThat(assignments).hasSize(2);
        assertThat(assignments.get(0).previousAgentId()).isNull();
        TicketAssigned again = assignments.get(1);
        assertReason(again, a, AssignmentReason.ROUTED);
        assertThat(again.previousAgentId()).isEqualTo(a);
        assertThat(f.openTickets(a)).isEqualTo(1);
    }

    private List<UUID> queueOfThisTest() {
        return queue().stream().filter(t -> f.language.equals(t.get("language")))
                .map(t -> UUID.fromString((String) t.get("ticketId"))).toList();
    }

    /** The whole queue, every test's. */
    private static List<Map<String, Object>> queue() {
        List<Map<String, Object>> queue = given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/routing/queue?limit=1000")
                .then().statusCode(200).extract().path("$");
        assertThat(queue).as("the queue fits one page").hasSizeLessThan(1000);
        return queue;
    }

    /** Every agent, every test's, page by page. */
    private static List<Map<String, Object>> allAgents() {
        List<Map<String, Object>> agents = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(SUPERVISOR_TOKEN).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/agents").then().statusCode(200).extract().jsonPath();
            agents.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return agents;
    }

    private static double increase(Metrics before, Metrics now, String name, String... labels) {
        return now.value(name, labels) - before.value(name, labels);
    }
}
