package io.exdesk.routing;

import static io.exdesk.routing.RoutingFixture.SUPERVISOR_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.exdesk.events.AgentDirectoryEvent;
import io.exdesk.events.AgentProfileUpdated;
import io.exdesk.events.AgentRemoved;
import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.events.EventType;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketStatus;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routing-service is where an agent is registered: a registration, a change of what the directory holds and a
 * removal reach {@code agent-profiles} (compacted, keyed by agent id) as notification-service reads them, and
 * nothing else does.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class AgentDirectoryTest {

    private static final String ADMIN = TestTokens.of("admin-test", Roles.ADMIN);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RoutingFixture f = new RoutingFixture();
    private final TopicProbe profiles = new TopicProbe(Topics.AGENT_PROFILES);

    @AfterEach
    void tearDown() {
        profiles.close();
        f.close();
    }

    @Test
    void registrationChangesOfTheDirectoryAndRemovalArePublishedInOrderAndNothingElseIs() {
        String id = f.agent("dir", "tier", "SUPERVISOR", "team", "asia", "languages", List.of("zh-CN", f.language),
                "email", "dir@agents.test", "chatUrl", "https://chat.test/hooks/dir");
        given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/agents/" + id).then().statusCode(200)
                .body("email", equalTo("dir@agents.test")).body("chatFormat", equalTo("SLACK"));

        f.status(id, "AWAY");                                       // availability: not the directory's
        patch(id, Map.of("capacity", 5)).statusCode(200);          // routing only: not the directory's
        patch(id, Map.of("email", "dir.new@agents.test", "chatUrl", "https://chat.test/hooks/dir2",
                "chatFormat", "SIGNED")).statusCode(200);
        patch(id, Map.of("chatUrl", "")).statusCode(200).body("chatUrl", nullValue()).body("chatFormat", nullValue());
        given().auth().oauth2(ADMIN).delete("/api/v1/agents/" + id).then().statusCode(204);

        await().atMost(WAIT).until(() -> events(id).stream().anyMatch(AgentRemoved.class::isInstance));
        List<AgentDirectoryEvent> events = events(id);
        assertThat(events).hasSize(4);
        AgentProfileUpdated registered = (AgentProfileUpdated) events.get(0);
        assertThat(registered.profileVersion()).isEqualTo(1);
        assertThat(registered.name()).isEqualTo("Agent dir");
        assertThat(registered.tier()).isEqualTo(AgentTier.SUPERVISOR);
        assertThat(registered.team()).isEqualTo("asia");
        assertThat(registered.languages()).as("in the agent's order, in the usual case").containsExactly("zh-CN", f.language);
        assertThat(registered.email()).isEqualTo("dir@agents.test");
        assertThat(registered.chatUrl()).isEqualTo("https://chat.test/hooks/dir");
        assertThat(registered.chatFormat()).isEqualTo(ChatWebhookFormat.SLACK);
        AgentProfileUpdated changed = (AgentProfileUpdated) events.get(1);
        assertThat(changed.email()).isEqualTo("dir.new@agents.test");
        assertThat(changed.chatFormat()).isEqualTo(ChatWebhookFormat.SIGNED);
        assertThat(changed.profileVersion()).as("status and capacity changes count too").isEqualTo(4);
        AgentProfileUpdated withoutChat = (AgentProfileUpdated) events.get(2);
        assertThat(withoutChat.chatUrl()).isNull();
        assertThat(withoutChat.chatFormat()).isNull();
        assertThat(withoutChat.email()).isEqualTo("dir.new@agents.test");
        assertThat(events.get(3).profileVersion()).isGreaterThan(withoutChat.profileVersion());

        ConsumerRecord<String, String> first = records(id).get(0);
        assertThat(first.key()).isEqualTo(id);
        assertThat(TopicProbe.header(first, "ce_subject")).isEqualTo(id);
        assertThat(TopicProbe.header(first, "ce_source")).isEqualTo("/exdesk/routing-service");
        assertThat(TopicProbe.header(first, "ce_type")).isEqualTo("agent-profile");
        given().auth().oauth2(ADMIN).get("/api/v1/agents/" + id).then().statusCode(404);
    }

    @Test
    void aRemovedAgentsOpenTicketsGoToOthersAndTheirClosedTicketsForgetThem() {
        String leaving = f.agent("leaving", "skills", List.of(Category.DEPOSIT.name()));
        TicketCreated open = f.publish(f.ticket(Priority.HIGH, Category.DEPOSIT));
        TicketCreated closed = f.publish(f.ticket(Priority.NORMAL, Category.DEPOSIT));
        assertThat(f.assigned(open).agentId()).isEqualTo(leaving);
        assertThat(f.assigned(closed).agentId()).isEqualTo(leaving);
        f.status(closed, 2, TicketStatus.ASSIGNED, TicketStatus.RESOLVED);
        await().atMost(WAIT).until(() -> f.openTickets(leaving) == 1);
        String staying = f.agent("staying", "skills", List.of(Category.DEPOSIT.name()));

        given().auth().oauth2(ADMIN).header("If-Match", "\"0\"").delete("/api/v1/agents/" + leaving)
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.of(leaving, Roles.AGENT)).delete("/api/v1/agents/" + leaving)
                .then().statusCode(403);
        given().auth().oauth2(SUPERVISOR_TOKEN).delete("/api/v1/agents/" + leaving).then().statusCode(204);

        TicketAssigned handedOn = f.assigned(open.ticketId(), 2);
        RoutingFixture.assertReason(handedOn, staying, AssignmentReason.AGENT_UNAVAILABLE);
        assertThat(handedOn.previousAgentId()).isEqualTo(leaving);
        given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/routing/tickets/" + closed.ticketId()).then()
                .statusCode(200).body("state", equalTo("DONE"));
        given().auth().oauth2(SUPERVISOR_TOKEN).delete("/api/v1/agents/" + leaving).then().statusCode(404);
    }

    @Test
    void badContactDetailsAreRefusedWithProblemDetailsAndNothingIsWrittenOrPublished() {
        Map<String, Object> bad = f.agentBody("bad", "email", "not-an-address", "chatUrl", "ftp://chat.test/x");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(bad).post("/api/v1/agents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("email")))
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("chatUrl")));
        String good = f.agent("good", "email", "good@agents.test");
        patch(good, Map.of("email", "still not one")).statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(ADMIN).get("/api/v1/agents/" + bad.get("id")).then().statusCode(404);
        // The good agent's profile is a later record on the same partition: once it is there, a bad one would be too.
        await().atMost(WAIT).until(() -> !events(good).isEmpty());
        assertThat(records((String) bad.get("id"))).isEmpty();
        assertThat(events(good)).singleElement()
                .satisfies(e -> assertThat(((AgentProfileUpdated) e).email()).isEqualTo("good@agents.test"));
    }

    @Test
    void theDirectoryTopicIsCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.get().kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AGENT_PROFILES);
            String policy = admin.describeConfigs(List.of(topic)).all().get(15, TimeUnit.SECONDS).get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private io.restassured.response.ValidatableResponse patch(String id, Map<String, Object> body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).patch("/api/v1/agents/" + id).then();
    }

    private List<ConsumerRecord<String, String>> records(String agentId) {
        return profiles.poll().stream().filter(r -> agentId.equals(r.key())).toList();
    }

    private List<AgentDirectoryEvent> events(String agentId) {
        return records(agentId).stream().map(r -> (AgentDirectoryEvent) TestEventPublisher.decode(r.value(),
                EventType.fromCeType(TopicProbe.header(r, "ce_type")).payloadType())).toList();
    }
}
