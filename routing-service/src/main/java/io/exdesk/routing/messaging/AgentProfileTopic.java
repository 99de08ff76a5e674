package io.exdesk.routing.messaging;

import io.exdesk.events.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Makes {@code agent-profiles} a compacted topic, so it holds the latest profile (or removal) per agent for any
 * consumer that reads it from the start, and an agent's replaced profiles, contact data included, are
 * deleted. A topic auto-created earlier (by a consumer that started first) is switched to compaction. The
 * same as sla-service's {@code SlaPolicyTopic} for its topic.
 */
@ApplicationScoped
public class AgentProfileTopic {

    private static final Logger LOG = Logger.getLogger(AgentProfileTopic.class);

    private final Map<String, Object> adminConfig = new HashMap<>();

    /**
     * @param kafka the {@code kafka.*} settings Quarkus gives every Kafka client of the service (address,
     *              and in production TLS and SASL too); only those an admin client knows are taken
     */
    public AgentProfileTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Set<String> adminKeys = AdminClientConfig.configNames();
        kafka.forEach((key, value) -> {
            if (adminKeys.contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    }

    void provision(@Observes StartupEvent start) {
        try (Admin admin = Admin.create(adminConfig)) {
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            try {
                admin.createTopics(List.of(new NewTopic(Topics.AGENT_PROFILES, Optional.of(1), Optional.empty())
                        .configs(compacted))).all().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AGENT_PROFILES);
                admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                        AlterConfigOp.OpType.SET)))).all().get(15, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // Not fatal: profiles still flow, only retention differs; readiness shows Kafka's state.
            LOG.warnf("Could not make %s compacted: %s", Topics.AGENT_PROFILES, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
