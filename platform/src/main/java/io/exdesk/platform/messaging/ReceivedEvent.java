package io.exdesk.platform.messaging;

import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.ExDeskEvent;

/** An event as a consumer sees it: its CloudEvents attributes and its decoded payload. */
public record ReceivedEvent(CloudEventHeaders headers, ExDeskEvent payload) {
}
