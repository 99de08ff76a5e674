package io.exdesk.events;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code agent-removed}: the agent left routing-service's directory; consumers forget how to reach them. As
 * the agent's latest record on the compacted topic it replaces their profile, so compaction deletes the
 * contact data from Kafka too; it carries nothing but the id.
 *
 * @param profileVersion one above the last version of the removed agent
 */
public record AgentRemoved(
        String agentId,
        long profileVersion,
        Instant occurredAt) implements AgentDirectoryEvent {

    public AgentRemoved {
        Objects.requireNonNull(agentId, "agentId");
        Checks.version(profileVersion, "profileVersion");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
