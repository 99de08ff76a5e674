package io.exdesk.sla.messaging;

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
 * Makes {@code sla-policies} a compacted topic, so it always holds the latest policy per key for
 * any consumer that reads it from the start. A topic auto-created earlier (by a consumer that
 * started first) is switched to compaction.
 */
@ApplicationScoped
public class SlaPolicyTopic {

    private static final Logger LOG = Logger.getLogger(SlaPolicyTopic.class);

    private final Map<String, Object> adminConfig = new HashMap<>();

    /**
     * @param kafka the {@code kafka.*} settings Quarkus gives every Kafka client of the service (address,
     *              and in production TLS and SASL too); only those an admin client knows are taken
     */
    public SlaPolicyTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
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
                admin.createTopics(List.of(new NewTopic(Topics.SLA_POLICIES, Optional.of(1), Optional.empty())
                        .configs(compacted))).all().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SLA_POLICIES);
                admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                        AlterConfigOp.OpType.SET)))).all().get(15, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // Not fatal: policies still flow, only retention differs; readiness shows Kafka's state.
            LOG.warnf("Could not make %s compacted: %s", Topics.SLA_POLICIES, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
