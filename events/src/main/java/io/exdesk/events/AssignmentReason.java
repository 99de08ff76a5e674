package io.exdesk.events;

/** Why a ticket was (re)assigned to an agent. */
public enum AssignmentReason {
    ROUTED, ESCALATED, REASSIGNED, AGENT_UNAVAILABLE
}
