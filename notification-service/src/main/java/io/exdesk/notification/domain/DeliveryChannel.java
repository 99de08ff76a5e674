package io.exdesk.notification.domain;

/** How a delivery reaches its recipient; each channel has its own worker, so one cannot hold up the other. */
public enum DeliveryChannel {
    EMAIL,
    CHAT
}
