package io.exdesk.notification.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The startup check of the webhook signing secret; NotificationStartupIT runs it in the packaged service. */
class WebhookSigningSecretTest {

    @Test
    void aMissingOrBlankSecretStopsTheServiceNamingTheVariable() {
        for (Optional<String> missing : List.of(Optional.<String>empty(), Optional.of(" \t"))) {
            assertThatThrownBy(() -> WebhookSigningSecret.require(missing))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("NOTIFICATION_WEBHOOK_SIGNING_SECRET")
                    .hasMessageContaining("notification.webhook.signing-secret")
                    .hasMessageContaining("cannot start");
        }
    }

    @Test
    void aSetSecretIsTheKey() {
        assertThat(WebhookSigningSecret.require(Optional.of("s3cr3t-密钥")))
                .isEqualTo("s3cr3t-密钥".getBytes(StandardCharsets.UTF_8));
    }
}
