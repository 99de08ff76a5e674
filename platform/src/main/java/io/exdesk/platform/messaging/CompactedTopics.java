package io.exdesk.platform.messaging;

import io.exdesk.platform.config.PlatformConfig;
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
 * Makes the topics a service lists in {@code exdesk.compacted-topics} compacted at startup: topics that hold the
 * latest record per key (SLA policies, the agent directory) for any consumer that reads them from the start, and
 * whose replaced records, contact data included, are deleted. A topic auto-created earlier with the broker's
 * default policy (by a consumer that started first) is switched to compaction.
 */
@ApplicationScoped
public class CompactedTopics {

    private static final Logger LOG = Logger.getLogger(CompactedTopics.class);
    private static final long TIMEOUT_SECONDS = 15;

    private final Map<String, Object> adminConfig = new HashMap<>();
    private final List<String> topics;

    /**
     * @param kafka the {@code kafka.*} settings Quarkus gives every Kafka client of the service (address, and in
     *              production TLS and SASL too); only those an admin client knows are taken
     */
    public CompactedTopics(@Identifier("default-kafka-broker") Map<String, Object> kafka, PlatformConfig config) {
        Set<String> adminKeys = AdminClientConfig.configNames();
        kafka.forEach((key, value) -> {
            if (adminKeys.contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        topics = config.compactedTopics().orElse(List.of());
    }

    void provision(@Observes StartupEvent start) {
        topics.forEach(this::makeCompacted);
    }

    /**
     * Creates {@code topic} compacted, or switches an existing one to compaction. Not fatal when Kafka cannot be
     * reached: records still flow, only their retention differs, and readiness shows Kafka's state.
     */
    public void makeCompacted(String topic) {
        try (Admin admin = Admin.create(adminConfig)) {
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(compacted)))
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                        AlterConfigOp.OpType.SET)))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Could not make %s compacted: %s", topic, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
