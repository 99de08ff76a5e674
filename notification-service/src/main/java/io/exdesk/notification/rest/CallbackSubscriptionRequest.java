package io.exdesk.notification.rest;

import java.util.List;

/** What a platform client subscribes to: where to be called and which callback types (validated by the service). */
public record CallbackSubscriptionRequest(String url, List<String> eventTypes) {
}
