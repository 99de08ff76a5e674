package io.exdesk.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exdesk.notification.domain.CallbackSubscription;
import io.exdesk.notification.domain.CallbackType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as its client sees it. {@code secret} is present only in the answer that created it
 * (creation, rotation): it is never shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackSubscriptionView(UUID id, String clientId, String url, List<String> eventTypes, String secret,
                                       Instant previousSecretExpiresAt, Instant createdAt, Instant updatedAt) {

    static CallbackSubscriptionView of(CallbackSubscription s, String secret) {
        return new CallbackSubscriptionView(s.id, s.clientId, s.url,
                s.types().stream().map(CallbackType::typeName).toList(), secret,
                s.previousSecret == null ? null : s.previousSecretExpiresAt, s.createdAt, s.updatedAt);
    }
}
