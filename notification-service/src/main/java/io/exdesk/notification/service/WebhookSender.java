package io.exdesk.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.config.WebhookSigningSecret;
import io.exdesk.notification.domain.ChatFormat;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chat over webhooks: Slack-compatible JSON, or generic JSON signed with HMAC-SHA256 over
 * {@code <timestamp>.<body>} (headers {@link #SIGNATURE} and {@link #TIMESTAMP}). Every call carries
 * the delivery id as {@code Idempotency-Key}. 5xx, 408, 429 and network errors are retried (429 after
 * its {@code Retry-After}); any other 4xx is final.
 */
@Singleton
public class WebhookSender implements ChannelSender {

    public static final String SIGNATURE = "X-ExDesk-Signature";
    public static final String TIMESTAMP = "X-ExDesk-Timestamp";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient client;
    private final ObjectMapper json;
    private final Clock clock;
    private final byte[] signingKey;
    private final Duration timeout;

    public WebhookSender(NotificationConfig config, WebhookSigningSecret signingSecret, ObjectMapper json, Clock clock) {
        this.timeout = config.webhook().timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.json = json;
        this.clock = clock;
        this.signingKey = signingSecret.key();
    }

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.CHAT;
    }

    @Override
    public void send(Delivery delivery) throws DeliveryFailure {
        String body = body(delivery);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(IDEMPOTENCY_KEY, delivery.id.toString());
        if (delivery.chatFormat == ChatFormat.SIGNED) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            headers.put(TIMESTAMP, timestamp);
            headers.put(SIGNATURE, "sha256=" + sign(signingKey, timestamp, body));
        }
        post(delivery.address, "application/json", headers, body);
    }

    /**
     * One POST of a webhook or callback: returns on 2xx, otherwise throws the failure as the engine
     * classifies it (5xx, 408, 429 and network errors retryable, 429 after its {@code Retry-After}).
     */
    public void post(String url, String contentType, Map<String, String> headers, String body) throws DeliveryFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw DeliveryFailure.retryable("webhook: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("webhook: interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String error = "webhook answered " + status + ": " + abbreviate(response.body());
        if (status == 429) {
            Duration retryAfter = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
            throw retryAfter == null ? DeliveryFailure.retryable(error, null) : DeliveryFailure.retryAfter(error, retryAfter);
        }
        if (status >= 500 || status == 408) {
            throw DeliveryFailure.retryable(error, null);
        }
        throw DeliveryFailure.permanent(error);
    }

    /** The signature receivers recompute: hex HMAC-SHA256 of {@code timestamp + "." + body} under the shared secret. */
    public static String sign(byte[] key, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private String body(Delivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (delivery.chatFormat == ChatFormat.SIGNED) {
            body.put("id", delivery.id);
            body.put("eventId", delivery.eventId);
            body.put("eventType", delivery.eventType);
            body.put("rule", delivery.rule);
            body.put("ticketId", delivery.ticketId);
            body.put("ticketNumber", delivery.ticketNumber);
            body.put("language", delivery.language);
            body.put("subject", delivery.subject);
            body.put("text", delivery.bodyText);
            body.put("occurredAt", delivery.occurredAt.toString());
        } else {
            body.put("text", "*" + delivery.subject + "*\n" + delivery.bodyText);
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Retry-After} is delay-seconds or an HTTP-date. */
    private Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
