package io.exdesk.events;

/** Support tier of an agent; escalation moves a ticket up the tiers. */
public enum AgentTier {
    L1, L2, SUPERVISOR
}
