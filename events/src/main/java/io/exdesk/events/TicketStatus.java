package io.exdesk.events;

/** Lifecycle state of a ticket. */
public enum TicketStatus {
    NEW, ASSIGNED, IN_PROGRESS, PENDING_CUSTOMER, RESOLVED, CLOSED
}
