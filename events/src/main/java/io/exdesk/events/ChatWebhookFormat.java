package io.exdesk.events;

/** The JSON a chat webhook receives from notification-service. */
public enum ChatWebhookFormat {
    /** Slack-compatible incoming webhook: {@code {"text": "..."}}. */
    SLACK,
    /** Generic JSON with an HMAC-SHA256 signature header. */
    SIGNED
}
