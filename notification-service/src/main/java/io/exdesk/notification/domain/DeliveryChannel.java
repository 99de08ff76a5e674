package io.exdesk.notification.domain;

/** How a delivery reaches its recipient; each channel has its own worker, so one cannot hold up the other. */
public enum DeliveryChannel {
    EMAIL,
    CHAT,
    /** Signed CloudEvents to the exchange platform's subscriptions, in order per (subscription, ticket). */
    CALLBACK;

    /** Whether a delivery waits until the earlier ones to the same recipient about the same ticket are sent or dead. */
    public boolean orderedPerTicket() {
        return this == CALLBACK;
    }
}
