package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.AgentProfileUpdated;
import io.exdesk.events.AgentRemoved;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestClock;
import io.exdesk.testkit.WebhookReceiver;
import io.exdesk.testkit.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Agents are registered in routing-service, and reached here through its agent directory: the profiles and
 * removals it publishes to {@code agent-profiles} (built here exactly as routing-service builds them) are what
 * deliveries to agents use; the newest profile wins, a replay changes nothing, a removal forgets the agent.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class AgentDirectoryTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Test
    void anAgentIsReachedAtTheirLatestProfileUntilRemovedAndReplaysChangeNothing() throws Exception {
        String id = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String team = team();
        String first = "first." + email(id);
        String second = "second." + email(id);
        AgentProfileUpdated registered = profile(id, 1, "zh-CN", team, false, first, hooks.url(hookPath(id)),
                ChatWebhookFormat.SLACK);
        UUID registeredEventId = publisher.publish(registered);
        awaitProfile(id, 1);

        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(assigned(ticket, number, id, team, "en"));
        await().atMost(WAIT).until(() -> mail.to(first).size() == 1 && hooks.successfulCalls(hookPath(id)).size() == 1);
        MimeMessage message = mail.to(first).get(0);
        assertThat(message.getSubject()).as("in the first of the agent's languages").contains("工单 " + number);

        // A change in routing: another address, English first; versions skip the changes that were not the directory's.
        AgentProfileUpdated changed = profile(id, 3, "en", team, false, second, hooks.url(hookPath(id)),
                ChatWebhookFormat.SIGNED);
        UUID changedEventId = publisher.publish(changed);
        awaitProfile(id, 3);
        // The first profile again, redelivered and replayed under a new id: older than the one held, so ignored.
        publisher.publish(registered, registeredEventId);
        publisher.publish(registered);
        awaitDirectoryCaughtUp();
        Map<String, Object> contact = contact(id);
        assertThat(contact).containsEntry("email", second).containsEntry("language", "en")
                .containsEntry("chatFormat", "SIGNED").containsEntry("profileVersion", 3);

        UUID next = UUID.randomUUID();
        publisher.publish(assigned(next, ticketNumber(), id, team, "en"));
        await().atMost(WAIT).until(() -> mail.to(second).size() == 1 && hooks.successfulCalls(hookPath(id)).size() == 2);
        assertThat(hooks.successfulCalls(hookPath(id)).get(1).header("X-ExDesk-Signature")).startsWith("sha256=");
        assertThat(mail.to(first)).hasSize(1);

        // Removed in routing: forgotten here; what is owed to the agent afterwards is visibly undeliverable.
        AgentRemoved removed = new AgentRemoved(id, 5, now());
        UUID removedEventId = publisher.publish(removed);
        await().atMost(WAIT).until(() -> as(Roles.ADMIN).get("/api/v1/contacts/agents/" + id).statusCode() == 404);
        UUID after = UUID.randomUUID();
        publisher.publish(assigned(after, ticketNumber(), id, team, "en"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(after, "agent:" + id, "EMAIL"))
                .containsEntry("status", "DEAD"));
        assertThat(delivery(after, "agent:" + id, "CHAT")).containsEntry("status", "DEAD");
        assertThat(contact(id).get("email")).as("an assignment does not bring the addresses back").isNull();

        // The whole history once more, as delivered (same ids) and as replayed from the start (new ids): the agent
        // stays forgotten.
        publisher.publish(registered, registeredEventId);
        publisher.publish(changed, changedEventId);
        publisher.publish(removed, removedEventId);
        publisher.publish(registered);
        publisher.publish(changed);
        publisher.publish(removed);
        awaitDirectoryCaughtUp();
        as(Roles.ADMIN).get("/api/v1/contacts/agents/" + id).then().statusCode(404);
        assertThat(mail.to(first)).hasSize(1);
        assertThat(mail.to(second)).hasSize(1);
    }

    /**
     * A just-registered agent's first ticket: routing publishes the profile, then the assignment, but they are on
     * different topics and the assignment can be read first. The e-mail and chat wait for the profile and go when
     * it comes, in the profile's language, once each.
     */
    @Test
    void anAssignmentReadBeforeTheAgentsProfileIsDeliveredWhenTheProfileComes() throws Exception {
        String id = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String team = team();
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(assigned(ticket, number, id, team, "en"));
        await().atMost(WAIT).untilAsserted(() -> {
            for (String channel : List.of("EMAIL", "CHAT")) {
                Map<String, Object> waiting = delivery(ticket, "agent:" + id, channel);
                assertThat(waiting).containsEntry("status", "PENDING").containsEntry("attempts", 0);
                assertThat((String) waiting.get("lastError")).contains("waiting for agent " + id + "'s profile");
            }
        });
        assertThat(mail.to(email(id))).isEmpty();

        AgentProfileUpdated profile = profile(id, 1, "zh-CN", team, false, email(id), hooks.url(hookPath(id)),
                ChatWebhookFormat.SIGNED);
        UUID profileEventId = publisher.publish(profile);
        await().atMost(WAIT).until(() -> mail.to(email(id)).size() == 1 && hooks.successfulCalls(hookPath(id)).size() == 1);
        assertThat(mail.to(email(id)).get(0).getSubject()).as("in the profile's language").contains("工单 " + number);
        WebhookReceiver.Call chat = hooks.successfulCalls(hookPath(id)).get(0);
        assertThat(chat.header("X-ExDesk-Signature")).as("in the profile's chat format").startsWith("sha256=");
        assertThat(chat.body()).contains(number);
        await().atMost(WAIT).untilAsserted(() -> {
            for (String channel : List.of("EMAIL", "CHAT")) {
                assertThat(delivery(ticket, "agent:" + id, channel)).containsEntry("status", "SENT")
                        .containsEntry("attempts", 1).containsEntry("language", "zh-CN").doesNotContainKey("lastError");
            }
        });

        // The profile again, redelivered and newer: nothing is owed twice.
        publisher.publish(profile, profileEventId);
        publisher.publish(profile(id, 2, "en", team, false, email(id), hooks.url(hookPath(id)), ChatWebhookFormat.SLACK));
        awaitDirectoryCaughtUp();
        assertThat(mail.to(email(id))).hasSize(1);
        assertThat(hooks.calls(hookPath(id))).hasSize(1);
        assertThat(deliveries(ticket)).hasSize(2);
    }

    /**
     * The wait is bounded: a profile that does not come within {@code notification.delivery.profile-wait} (10
     * minutes of the application's clock) leaves the deliveries dead with the reason, and a removal of the agent
     * ends the wait at once; a profile after that sends nothing.
     */
    @Test
    void deliveriesWaitForAProfileOnlyUntilTheWaitRunsOutOrTheAgentIsRemoved() {
        String late = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String removed = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String team = team();
        UUID lateTicket = UUID.randomUUID();
        UUID removedTicket = UUID.randomUUID();
        double deadBefore = Metrics.scrape().value("notification_deliveries_total", "channel", "email", "outcome", "dead");
        publisher.publish(assigned(lateTicket, ticketNumber(), late, team, "en"));
        publisher.publish(assigned(removedTicket, ticketNumber(), removed, team, "en"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(delivery(lateTicket, "agent:" + late, "EMAIL")).containsEntry("status", "PENDING");
            assertThat(delivery(removedTicket, "agent:" + removed, "EMAIL")).containsEntry("status", "PENDING");
        });

        publisher.publish(new AgentRemoved(removed, 2, now()));
        await().atMost(WAIT).untilAsserted(() -> {
            for (String channel : List.of("EMAIL", "CHAT")) {
                Map<String, Object> dead = delivery(removedTicket, "agent:" + removed, channel);
                assertThat(dead).containsEntry("status", "DEAD").containsEntry("attempts", 0);
                assertThat((String) dead.get("lastError")).contains("removed from the agent directory");
            }
        });
        assertThat(delivery(lateTicket, "agent:" + late, "EMAIL")).as("still within its wait").containsEntry("status", "PENDING");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        await().atMost(WAIT).untilAsserted(() -> {
            for (String channel : List.of("EMAIL", "CHAT")) {
                Map<String, Object> dead = delivery(lateTicket, "agent:" + late, channel);
                assertThat(dead).containsEntry("status", "DEAD").containsEntry("attempts", 0);
                assertThat((String) dead.get("lastError"))
                        .contains("no profile of agent " + late + " came from the agent directory within PT10M");
            }
        });
        await().atMost(WAIT).until(() -> Metrics.scrape().value("notification_deliveries_total", "channel", "email",
                "outcome", "dead") - deadBefore >= 2);

        publishAndAwait(profile(late, 1, "en", team, false, email(late), hooks.url(hookPath(late)), ChatWebhookFormat.SLACK));
        assertThat(delivery(lateTicket, "agent:" + late, "EMAIL")).containsEntry("status", "DEAD");
        assertThat(mail.to(email(late))).isEmpty();
    }

    @Test
    void anAssignmentReadAfterANewerProfileDoesNotUndoIt() {
        String id = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String team = team();
        publishAndAwait(profile(id, 2, "en", team, true, email(id), null, null));

        // Assignments come on another topic: one made before the agent changed team may be read after the change.
        UUID ticket = UUID.randomUUID();
        publisher.publish(assigned(ticket, ticketNumber(), id, "an-earlier-team", "en"));
        await().atMost(WAIT).until(() -> mail.to(email(id)).size() == 1);

        assertThat(contact(id)).containsEntry("team", team).containsEntry("supervisor", true)
                .containsEntry("profileVersion", 2);
    }

    private static Map<String, Object> contact(String id) {
        return as(Roles.ADMIN).get("/api/v1/contacts/agents/" + id).then().statusCode(200).extract().jsonPath()
                .getMap("");
    }

    private static void awaitProfile(String id, long version) {
        await().atMost(WAIT).until(() -> {
            io.restassured.response.Response contact = as(Roles.ADMIN).get("/api/v1/contacts/agents/" + id);
            return contact.statusCode() == 200 && Long.valueOf(version).equals(contact.jsonPath().getLong("profileVersion"));
        });
    }

    /**
     * Waits until notification-service has committed its offsets up to the end of {@code agent-profiles}, i.e.
     * has applied everything published to it so far (offsets are committed after the database transaction).
     */
    private static void awaitDirectoryCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.get().kafkaBootstrapServers()))) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                var partitions = admin.describeTopics(java.util.List.of(Topics.AGENT_PROFILES)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(Topics.AGENT_PROFILES).partitions().stream()
                        .map(p -> new TopicPartition(Topics.AGENT_PROFILES, p.partition())).toList();
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("notification-service")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return partitions.stream().allMatch(p -> ends.get(p).offset() == 0
                        || committed.get(p) != null && committed.get(p).offset() >= ends.get(p).offset());
            });
        }
    }
}
