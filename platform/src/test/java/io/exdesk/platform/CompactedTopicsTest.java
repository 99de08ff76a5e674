package io.exdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.platform.messaging.CompactedTopics;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** Topics that hold the latest record per key are compacted, whoever created them first. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class CompactedTopicsTest {

    @Inject
    CompactedTopics compactedTopics;

    @Test
    void aListedTopicIsCreatedCompactedAtStartup() throws Exception {
        try (Admin kafka = admin()) {
            assertThat(cleanupPolicy(kafka, "platform-compacted-demo")).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void aTopicAutoCreatedWithTheDefaultPolicyIsSwitchedToCompaction() throws Exception {
        String topic = "platform-auto-created-" + System.nanoTime();
        try (Admin kafka = admin()) {
            kafka.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
            assertThat(cleanupPolicy(kafka, topic)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);

            compactedTopics.makeCompacted(topic);

            assertThat(cleanupPolicy(kafka, topic)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.get().kafkaBootstrapServers()));
    }

    private static String cleanupPolicy(Admin kafka, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return kafka.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
}
