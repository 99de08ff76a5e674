package io.exdesk.notification.config;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The HMAC key of {@code SIGNED} webhooks, checked when the service starts: without one the service
 * stops there, naming the variable to set, instead of starting and signing with a key every copy of
 * the source knows. No profile of the packaged service has a default; dev mode and the tests have
 * their own (application.properties {@code %dev.}, test resources), the local run passes one.
 */
@Startup
@Singleton
public class WebhookSigningSecret {

    public static final String VARIABLE = "NOTIFICATION_WEBHOOK_SIGNING_SECRET";

    private final byte[] key;

    public WebhookSigningSecret(NotificationConfig config) {
        this.key = require(config.webhook().signingSecret());
    }

    /** The key bytes (UTF-8 of the configured secret). */
    public byte[] key() {
        return key.clone();
    }

    static byte[] require(Optional<String> secret) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            throw new IllegalStateException("notification-service cannot start: " + VARIABLE
                    + " (notification.webhook.signing-secret) is not set. Set it to the secret shared with the"
                    + " receivers of signed webhooks, at least 32 random bytes, e.g. the output of"
                    + " `openssl rand -base64 32`; see docs/security.md.");
        }
        return secret.get().getBytes(StandardCharsets.UTF_8);
    }
}
