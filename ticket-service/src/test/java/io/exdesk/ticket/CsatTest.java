package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.as;
import static io.exdesk.ticket.TicketApi.platform;
import static io.exdesk.ticket.TicketApi.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.CsatSubmitted;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * CSAT through the real API, database and broker: a resolved ticket's rating is stored with its comment redacted,
 * audited, published as csat-submitted with the assignee's tier (learnt from ticket-assigned) and counted in
 * csat_rating; a ticket is rated once (a different rating is 409, the same again or an Idempotency-Key retry the
 * same answer); bad input is problem+json and changes nothing; supervisors see the period's figures.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class CsatTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    @Test
    void aResolvedTicketsRatingIsStoredRedactedPublishedAndCounted() {
        String id = TicketApi.createId(TicketApi.body("KYC documents", "Which documents do you need?",
                "\"category\":\"KYC\",\"priority\":\"LOW\""));
        assign(id, "agent-csat-l2", AgentTier.L2);
        resolve(id);
        Metrics before = Metrics.scrape();
        String secret = "Tr0ub4dor&3-csat";

        try (TopicProbe probe = new TopicProbe(Topics.TICKET_EVENTS)) {
            long version = version(id);
            JsonPath rating = platform().body(Map.of("rating", 2, "comment", "Slow. my password is " + secret))
                    .post("/api/v1/tickets/" + id + "/csat").then().statusCode(201)
                    .header("Location", endsWith("/api/v1/tickets/" + id + "/csat"))
                    .extract().jsonPath();
            assertThat(rating.getInt("rating")).isEqualTo(2);
            assertThat(rating.getString("comment")).isEqualTo("Slow. my password is [REDACTED:PASSWORD]");
            assertThat(rating.getBoolean("secretsRedacted")).isTrue();
            assertThat(rating.getString("agentTier")).isEqualTo("L2");
            assertThat(rating.getString("category")).isEqualTo("KYC");
            assertThat(rating.getString("ticketNumber")).startsWith("EXD-");
            assertThat(rating.getMap("")).doesNotContainKey("agentId");

            assertThat(Db.queryOne(db, "SELECT comment FROM ticket_csat WHERE ticket_id = ?", UUID.fromString(id)))
                    .isEqualTo("Slow. my password is [REDACTED:PASSWORD]");
            supervisor().get("/api/v1/tickets/" + id + "/csat").then().statusCode(200)
                    .body("rating", equalTo(2)).body("comment", equalTo(rating.getString("comment")));
            supervisor().get("/api/v1/tickets/" + id).then()
                    .body("version", equalTo((int) version + 1))
                    .body("secretsRedacted", equalTo(true))
                    .body("status", equalTo("RESOLVED"))
                    .body("priority", equalTo("LOW"));
            supervisor().get("/api/v1/tickets/" + id + "/history").then()
                    .body("action[-1]", equalTo("CSAT_SUBMITTED"))
                    .body("actor[-1]", equalTo(TicketApi.PLATFORM))
                    .body("to[-1]", equalTo("2"));

            await().atMost(WAIT).until(() -> csatEvents(probe, id).size() == 1);
            ConsumerRecord<String, String> record = csatEvents(probe, id).get(0);
            assertThat(record.key()).isEqualTo(id);
            assertThat(record.value()).doesNotContain(secret).doesNotContain("Slow");
            CsatSubmitted event = TestEventPublisher.decode(record.value(), CsatSubmitted.class);
            assertThat(event.rating()).isEqualTo(2);
            assertThat(event.version()).isEqualTo(version + 1);
            assertThat(event.commented()).isTrue();
            assertThat(event.secretsRedacted()).isTrue();
            assertThat(event.category()).isEqualTo(Category.KYC);
            assertThat(event.priority()).isEqualTo(Priority.LOW);
            assertThat(event.customerTier()).isEqualTo(CustomerTier.STANDARD);
            assertThat(event.agentId()).isEqualTo("agent-csat-l2");
            assertThat(event.agentTier()).isEqualTo(AgentTier.L2);
            assertThat((String) Db.queryOne(db, "SELECT string_agg(payload, ' ') FROM outbox_event WHERE event_key = ?", id))
                    .doesNotContain(secret);
        }

        Metrics after = Metrics.scrape();
        String[] series = {"category", "KYC", "priority", "LOW", "agent_tier", "L2"};
        assertThat(delta(before, after, "csat_rating_count", series)).isEqualTo(1);
        assertThat(delta(before, after, "csat_rating_sum", series)).isEqualTo(2);
        assertThat(delta(before, after, "csat_rating_bucket", with(series, "le", "1.0"))).isZero();
        assertThat(delta(before, after, "csat_rating_bucket", with(series, "le", "2.0"))).isEqualTo(1);
        assertThat(delta(before, after, "csat_rating_bucket", with(series, "le", "5.0"))).isEqualTo(1);
        assertThat(delta(before, after, "ticket_secrets_redacted_total")).isEqualTo(1);
    }

    @Test
    void anUnassignedTicketCountsUnderNoTierAndAClosedOneTakesARatingToo() {
        String id = TicketApi.createId(TicketApi.body("Fees", "What are the fees?",
                "\"category\":\"RATES_FEES\",\"priority\":\"NORMAL\""));
        supervisor().body(Map.of("status", "CLOSED")).patch("/api/v1/tickets/" + id).then().statusCode(200);
        Metrics before = Metrics.scrape();
        platform().body(Map.of("rating", 5)).post("/api/v1/tickets/" + id + "/csat").then().statusCode(201)
                .body("comment", nullValue()).body("agentTier", nullValue()).body("secretsRedacted", equalTo(false));
        assertThat(delta(before, Metrics.scrape(), "csat_rating_sum",
                "category", "RATES_FEES", "priority", "NORMAL", "agent_tier", "NONE")).isEqualTo(5);
    }

    @Test
    void aTicketIsRatedOnceAndRetriesGetTheSameAnswer() {
        String id = TicketApi.createId(TicketApi.body("Deposit", "My deposit arrived, thanks",
                "\"category\":\"DEPOSIT\",\"priority\":\"NORMAL\""));
        resolve(id);
        String key = "csat-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("rating", 4, "comment", "Quick and kind");
        try (TopicProbe probe = new TopicProbe(Topics.TICKET_EVENTS)) {
            String first = platform().header("Idempotency-Key", key).body(body).post("/api/v1/tickets/" + id + "/csat")
                    .then().statusCode(201).extract().asString();
            long version = version(id);

            String replay = platform().header("Idempotency-Key", key).body(body).post("/api/v1/tickets/" + id + "/csat")
                    .then().statusCode(201).header("Idempotent-Replayed", "true").extract().asString();
            assertThat(replay).isEqualTo(first);
            platform().header("Idempotency-Key", key).body(Map.of("rating", 1)).post("/api/v1/tickets/" + id + "/csat")
                    .then().statusCode(422).contentType("application/problem+json");
            // The same rating again without a key: nothing new, the stored one.
            platform().body(body).post("/api/v1/tickets/" + id + "/csat").then().statusCode(200)
                    .body("rating", equalTo(4)).body("comment", equalTo("Quick and kind"));
            for (Map<String, Object> other : List.<Map<String, Object>>of(Map.of("rating", 1),
                    Map.of("rating", 4, "comment", "Changed my mind"), Map.of("rating", 4))) {
                platform().body(other).post("/api/v1/tickets/" + id + "/csat").then().statusCode(409)
                        .contentType("application/problem+json")
                        .body("type", endsWith("csat-already-submitted"))
                        .body("detail", org.hamcrest.Matchers.containsString("rated 4"));
            }
            platform().header("Idempotency-Key", "csat-" + UUID.randomUUID()).body(Map.of("rating", 2))
                    .post("/api/v1/tickets/" + id + "/csat").then().statusCode(409);

            assertThat(version(id)).as("nothing changed after the first").isEqualTo(version);
            assertThat(Db.count(db, "SELECT rating FROM ticket_csat WHERE ticket_id = ?", UUID.fromString(id)))
                    .isEqualTo(4);
            await().atMost(WAIT).until(() -> csatEvents(probe, id).size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> csatEvents(probe, id).size() == 1);
            assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = 'csat-submitted' "
                    + "AND event_key = ?", id)).isEqualTo(1);
        }
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String id = TicketApi.createId(TicketApi.body("Trade", "My order failed",
                "\"category\":\"TRADING\",\"priority\":\"HIGH\""));
        String open = TicketApi.createId(TicketApi.body("Trade", "My order failed again",
                "\"category\":\"TRADING\",\"priority\":\"HIGH\""));
        resolve(id);
        long version = version(id);
        String path = "/api/v1/tickets/" + id + "/csat";

        for (String bad : List.of("{\"rating\":0}", "{\"rating\":6}", "{\"rating\":-1}", "{\"rating\":4.5}",
                "{\"rating\":\"4\"}", "{\"rating\":99999999999}", "{\"rating\":null}", "{\"comment\":\"no rating\"}",
                "{\"rating\":3,\"comment\":\"" + "x".repeat(2001) + "\"}", "{\"rating\":3",
                "[]")) {
            int status = platform().body(bad).post(path).then().contentType("application/problem+json").extract().statusCode();
            assertThat(status).as(bad).isEqualTo(400);
        }
        platform().body("{\"rating\":3}").contentType("text/plain").post(path).then().statusCode(415)
                .contentType("application/problem+json");
        platform().body(Map.of("rating", 3)).post("/api/v1/tickets/" + UUID.randomUUID() + "/csat").then()
                .statusCode(404).contentType("application/problem+json");
        as("exchange-b", Roles.PLATFORM).body(Map.of("rating", 3)).post(path).then().statusCode(404)
                .contentType("application/problem+json");
        supervisor().body(Map.of("rating", 3)).post(path).then().statusCode(403);
        platform().body(Map.of("rating", 3)).post("/api/v1/tickets/" + open + "/csat").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("csat-not-resolved"));
        platform().get(path).then().statusCode(404).contentType("application/problem+json");

        assertThat(version(id)).isEqualTo(version);
        assertThat(Db.count(db, "SELECT count(*) FROM ticket_csat WHERE ticket_id IN (?, ?)", UUID.fromString(id),
                UUID.fromString(open))).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = 'csat-submitted' "
                + "AND event_key IN (?, ?)", id, open)).isZero();

        // The longest comment is accepted.
        platform().body(Map.of("rating", 3, "comment", "y".repeat(2000))).post(path).then().statusCode(201);
    }

    @Test
    void supervisorsSeeThePeriodsCountAverageDistributionAndLatestLowRatings() {
        Instant from = Instant.now();
        String low = TicketApi.createId(TicketApi.body("Complaint", "Nobody answered",
                "\"category\":\"COMPLAINT\",\"priority\":\"HIGH\""));
        String lower = TicketApi.createId(TicketApi.body("Complaint", "Still nobody",
                "\"category\":\"COMPLAINT\",\"priority\":\"HIGH\""));
        String good = TicketApi.createId(TicketApi.body("Thanks", "Solved",
                "\"category\":\"GENERAL\",\"priority\":\"LOW\""));
        assign(lower, "agent-csat-l1", AgentTier.L1);
        for (String id : List.of(low, lower, good)) {
            resolve(id);
        }
        platform().body(Map.of("rating", 2, "comment", "took a day")).post("/api/v1/tickets/" + low + "/csat")
                .then().statusCode(201);
        platform().body(Map.of("rating", 1, "comment", "rude")).post("/api/v1/tickets/" + lower + "/csat")
                .then().statusCode(201);
        platform().body(Map.of("rating", 5)).post("/api/v1/tickets/" + good + "/csat").then().statusCode(201);
        Instant to = Instant.now().plusSeconds(1);

        supervisor().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/csat").then().statusCode(200)
                .body("count", equalTo(3))
                .body("average", equalTo(8 / 3f))
                .body("ratings.1", equalTo(1)).body("ratings.2", equalTo(1)).body("ratings.3", equalTo(0))
                .body("ratings.5", equalTo(1))
                .body("low.ticketId", contains(lower, low))
                .body("low[0].ticketNumber", org.hamcrest.Matchers.startsWith("EXD-"))
                .body("low[0].comment", equalTo("rude"))
                .body("low[0].agentId", equalTo("agent-csat-l1"))
                .body("low[0].agentTier", equalTo("L1"))
                .body("low[1].agentTier", nullValue());
        supervisor().queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("low", 1)
                .get("/api/v1/csat").then().statusCode(200).body("low.ticketId", contains(lower));
        supervisor().queryParam("from", to.toString()).queryParam("to", to.plusSeconds(60).toString())
                .get("/api/v1/csat").then().statusCode(200).body("count", equalTo(0)).body("average", nullValue());
        // By default: today (UTC) until now.
        supervisor().get("/api/v1/csat").then().statusCode(200).body("low.ticketId", hasItem(lower));

        platform().get("/api/v1/csat").then().statusCode(403);
        as("agent-csat-l1", Roles.AGENT).get("/api/v1/csat").then().statusCode(403);
        for (String bad : List.of("from=yesterday", "low=101", "low=-1", "from=" + to + "&to=" + from)) {
            supervisor().get("/api/v1/csat?" + bad).then().statusCode(400).contentType("application/problem+json");
        }
        // An agent reads the rating of a ticket routed to them, not of another.
        as("agent-csat-l1", Roles.AGENT).get("/api/v1/tickets/" + lower + "/csat").then().statusCode(200)
                .body("rating", equalTo(1));
        as("agent-csat-l1", Roles.AGENT).get("/api/v1/tickets/" + low + "/csat").then().statusCode(404);
    }

    /** What routing-service would publish; waits until the ticket shows the assignee. */
    private static void assign(String id, String agent, AgentTier tier) {
        try (TestEventPublisher events = new TestEventPublisher()) {
            events.publish(new TicketAssigned(UUID.fromString(id), Instant.now(), "EXD-1", agent, null,
                    AssignmentReason.ROUTED, tier, null, Priority.NORMAL, Category.GENERAL, "en"));
        }
        await().atMost(WAIT).until(() -> agent.equals(supervisor().get("/api/v1/tickets/" + id).then().extract()
                .path("assigneeId")));
    }

    private static void resolve(String id) {
        supervisor().body(Map.of("status", "RESOLVED")).patch("/api/v1/tickets/" + id).then().statusCode(200);
    }

    private static long version(String id) {
        return supervisor().get("/api/v1/tickets/" + id).then().statusCode(200).extract().<Integer>path("version");
    }

    private static List<ConsumerRecord<String, String>> csatEvents(TopicProbe probe, String id) {
        return probe.withHeader("ce_subject", id).stream()
                .filter(r -> "csat-submitted".equals(TopicProbe.header(r, "ce_type"))).toList();
    }

    private static double delta(Metrics before, Metrics after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }
}
