package io.exdesk.events;

/** Where the customer contacted support. */
public enum Channel {
    CHAT, EMAIL, PHONE, SOCIAL, WEB, API
}
