package io.exdesk.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event of the agent directory on the compacted {@code agent-profiles} topic, keyed by the agent id, so
 * the latest record per agent is what the directory holds about them (a profile, or their removal).
 */
public sealed interface AgentDirectoryEvent extends ExDeskEvent permits AgentProfileUpdated, AgentRemoved {

    /** The agent's id in routing-service (their token subject); also the key. */
    String agentId();

    /**
     * routing-service's version of the agent when the fact happened: increases with every change of the agent
     * while it exists, so a consumer can ignore a profile older than the one it holds. Starts again at 1 for an
     * agent registered anew after a removal.
     */
    long profileVersion();

    @Override
    @JsonIgnore
    default String key() {
        return agentId();
    }
}
