package io.exdesk.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.AgentProfileUpdated;
import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the notification tests share: the real SMTP server and webhook receiver, an event publisher,
 * and helpers that create unique agents and tickets, since all test classes share one application.
 */
abstract class NotificationTestSupport {

    private static final AtomicInteger NUMBERS = new AtomicInteger(100_000);

    protected final MailServer mail = MailServer.get();
    protected final WebhookReceiver hooks = WebhookReceiver.get();
    protected TestEventPublisher publisher;

    @BeforeEach
    void openPublisher() {
        publisher = new TestEventPublisher();
    }

    @AfterEach
    void closePublisher() {
        publisher.close();
    }

    protected static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRole(role)).contentType("application/json");
    }

    /**
     * A unique agent with an e-mail address and a Slack-format chat webhook at /hooks/&lt;id&gt;, registered as
     * routing-service registers agents: its profile published to the agent directory; returns once it is here.
     */
    protected String agent(String language, String team, boolean supervisor) {
        return agent(language, team, supervisor, "SLACK");
    }

    protected String agent(String language, String team, boolean supervisor, String chatFormat) {
        String id = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        publishAndAwait(profile(id, 1, language, team, supervisor, email(id), hooks.url(hookPath(id)),
                ChatWebhookFormat.valueOf(chatFormat)));
        return id;
    }

    /** An agent's profile as routing-service publishes it ({@code supervisor}: a SUPERVISOR-tier agent). */
    protected static AgentProfileUpdated profile(String id, long version, String language, String team,
                                                 boolean supervisor, String email, String chatUrl,
                                                 ChatWebhookFormat chatFormat) {
        return new AgentProfileUpdated(id, version, "Agent " + id, supervisor ? AgentTier.SUPERVISOR : AgentTier.L1,
                team, List.of(language), email, chatUrl, chatUrl == null ? null : chatFormat, now());
    }

    /** Publishes a profile and waits until the contact directory holds it. */
    protected void publishAndAwait(AgentProfileUpdated profile) {
        publisher.publish(profile);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            io.restassured.response.Response contact = as(Roles.ADMIN).get("/api/v1/contacts/agents/" + profile.agentId());
            // A contact without the version yet is not this profile: keep waiting (getLong would throw on it).
            Object version = contact.statusCode() == 200 ? contact.jsonPath().get("profileVersion") : null;
            return version != null && ((Number) version).longValue() == profile.profileVersion();
        });
    }

    protected static String team() {
        return "team-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String email(String id) {
        return id + "@agents.test";
    }

    protected static String hookPath(String id) {
        return "/hooks/" + id;
    }

    protected static String ticketNumber() {
        return "EXD-" + NUMBERS.incrementAndGet();
    }

    protected static TicketAssigned assigned(UUID ticketId, String number, String agentId, String team, String language) {
        return new TicketAssigned(ticketId, now(), number, agentId, null, AssignmentReason.ROUTED, AgentTier.L1, team,
                Priority.HIGH, Category.WITHDRAWAL, language);
    }

    /** A creation as ticket-service publishes it: the subject withheld. */
    protected static TicketCreated created(UUID ticketId, String number, CustomerTier tier, boolean secretsRedacted,
                                           String customerId, String language) {
        return new TicketCreated(ticketId, 1, now(), number, Priority.URGENT, Category.SECURITY, Channel.CHAT, language,
                customerId, tier, "", secretsRedacted, now());
    }

    protected static SlaScheduled scheduled(UUID ticketId, Instant dueAt) {
        return new SlaScheduled(ticketId, 1, now(), SlaClock.FIRST_RESPONSE, dueAt, false, Priority.HIGH,
                CustomerTier.STANDARD);
    }

    /** A warning of a WITHDRAWAL ticket, as sla-service sends it. */
    protected static SlaWarning warning(UUID ticketId, String number, int level, String assignee, Instant dueAt) {
        return new SlaWarning(ticketId, now(), SlaClock.FIRST_RESPONSE, level, level == 1 ? 0.5 : 0.75, dueAt, 300,
                Priority.HIGH, CustomerTier.STANDARD, assignee, number, Category.WITHDRAWAL);
    }

    /** A breach of a WITHDRAWAL ticket, as sla-service sends it. */
    protected static SlaBreached breached(UUID ticketId, String number, String assignee, Instant dueAt) {
        return new SlaBreached(ticketId, now(), SlaClock.FIRST_RESPONSE, dueAt, dueAt, false, Priority.HIGH,
                CustomerTier.STANDARD, assignee, number, Category.WITHDRAWAL);
    }

    protected static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The delivery log of a ticket, as a supervisor sees it. */
    protected static List<Map<String, Object>> deliveries(UUID ticketId) {
        JsonPath page = as(Roles.SUPERVISOR).queryParam("ticketId", ticketId.toString()).queryParam("limit", 200)
                .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    /** The one delivery of a ticket to a recipient on a channel; an assertion error (so awaits retry) until it exists. */
    protected static Map<String, Object> delivery(UUID ticketId, String recipient, String channel) {
        List<Map<String, Object>> found = deliveries(ticketId, recipient, channel);
        assertThat(found).as("deliveries to %s on %s", recipient, channel).hasSize(1);
        return found.get(0);
    }

    protected static List<Map<String, Object>> deliveries(UUID ticketId, String recipient, String channel) {
        return deliveries(ticketId).stream()
                .filter(d -> recipient.equals(d.get("recipient")) && channel.equals(d.get("channel"))).toList();
    }
}
