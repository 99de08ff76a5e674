package io.exdesk.events;

/** How urgently a ticket must be handled; with the customer tier it selects the SLA policy. */
public enum Priority {
    URGENT, HIGH, NORMAL, LOW
}
