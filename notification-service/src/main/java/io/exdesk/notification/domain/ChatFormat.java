package io.exdesk.notification.domain;

/** The JSON a chat webhook receives. */
public enum ChatFormat {
    /** Slack-compatible incoming webhook: {@code {"text": "..."}}. */
    SLACK,
    /** Generic JSON with an HMAC-SHA256 signature header (see the README for verification). */
    SIGNED
}
