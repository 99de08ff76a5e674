package io.exdesk.notification.domain;

/** Where a delivery stands: owed, done, or given up and visible for a manual retry. */
public enum DeliveryStatus {
    PENDING,
    SENT,
    DEAD
}
