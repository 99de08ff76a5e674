package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.AgentProfileUpdated;
import io.exdesk.events.AgentRemoved;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
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
