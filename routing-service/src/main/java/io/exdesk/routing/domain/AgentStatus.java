package io.exdesk.routing.domain;

/** Availability of an agent: only ONLINE agents receive new tickets; OFFLINE hands their tickets back. */
public enum AgentStatus {
    ONLINE, AWAY, OFFLINE
}
