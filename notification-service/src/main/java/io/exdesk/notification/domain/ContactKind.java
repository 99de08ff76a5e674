package io.exdesk.notification.domain;

/** Whom a contact entry reaches. */
public enum ContactKind {
    AGENT,
    CUSTOMER;

    /** The prefix of a delivery's recipient, e.g. {@code agent:a-17}. */
    public String recipient(String id) {
        return name().toLowerCase() + ":" + id;
    }
}
