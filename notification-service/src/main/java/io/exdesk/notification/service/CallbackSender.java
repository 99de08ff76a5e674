package io.exdesk.notification.service;

import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.CallbackSubscription;
import io.exdesk.notification.domain.CallbackType;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sends a callback as a CloudEvent over HTTP in binary mode: the attributes in {@code ce-*} headers,
 * the data as the JSON body. {@code ce-id} is the delivery id, the same on every attempt and replay,
 * for the receiver to de-duplicate on. Signed with every secret the subscription currently has (two
 * during a rotation), read at send time so a retry after a rotation carries the new signature.
 */
@Singleton
public class CallbackSender implements ChannelSender {

    public static final String SIGNATURE = WebhookSender.SIGNATURE;
    public static final String TIMESTAMP = WebhookSender.TIMESTAMP;

    private final CallbackSubscriptions subscriptions;
    private final WebhookSender http;
    private final Clock clock;
    private final String source;

    public CallbackSender(CallbackSubscriptions subscriptions, WebhookSender http, Clock clock, NotificationConfig config) {
        this.subscriptions = subscriptions;
        this.http = http;
        this.clock = clock;
        this.source = config.callbacks().source();
    }

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.CALLBACK;
    }

    @Override
    public void send(Delivery delivery) throws DeliveryFailure {
        UUID subscriptionId = CallbackSubscription.idOf(delivery.recipient);
        CallbackSubscriptions.Endpoint endpoint = subscriptionId == null ? null : subscriptions.endpoint(subscriptionId);
        if (endpoint == null) {
            throw DeliveryFailure.permanent("callback subscription " + subscriptionId + " no longer exists");
        }
        String body = delivery.bodyText;
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", delivery.id.toString());
        headers.put("ce-type", CallbackType.CE_TYPE_PREFIX + delivery.rule);
        headers.put("ce-source", source);
        headers.put("ce-subject", delivery.ticketId.toString());
        headers.put("ce-time", delivery.occurredAt.toString());
        headers.put(WebhookSender.IDEMPOTENCY_KEY, delivery.id.toString());
        headers.put(TIMESTAMP, timestamp);
        headers.put(SIGNATURE, endpoint.secrets().stream()
                .map(secret -> CallbackSecrets.signature(secret, timestamp, body))
                .collect(Collectors.joining(" ")));
        http.post(endpoint.url(), "application/json", headers, body);
    }
}
