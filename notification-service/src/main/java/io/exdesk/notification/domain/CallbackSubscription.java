package io.exdesk.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A platform client's wish to be called back: where, for which callback types, and the encrypted
 * secrets its callbacks are signed with (two during a rotation).
 */
@Entity
@Table(name = "callback_subscription")
public class CallbackSubscription extends PanacheEntityBase {

    private static final String RECIPIENT_PREFIX = "subscription:";

    @Id
    public UUID id;
    public String clientId;
    public String url;
    public String eventTypes;
    public byte[] secret;
    public byte[] previousSecret;
    public Instant previousSecretExpiresAt;
    public Instant createdAt;
    public Instant updatedAt;

    public Set<CallbackType> types() {
        return Arrays.stream(eventTypes.split(",")).map(CallbackType::ofName)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CallbackType.class)));
    }

    public void types(Set<CallbackType> types) {
        eventTypes = types.stream().sorted().map(CallbackType::typeName).collect(Collectors.joining(","));
    }

    /** The recipient key of its deliveries. */
    public String recipient() {
        return recipient(id);
    }

    public static String recipient(UUID subscriptionId) {
        return RECIPIENT_PREFIX + subscriptionId;
    }

    /** The subscription a delivery's recipient names, or null if it names none. */
    public static UUID idOf(String recipient) {
        return recipient != null && recipient.startsWith(RECIPIENT_PREFIX)
                ? UUID.fromString(recipient.substring(RECIPIENT_PREFIX.length())) : null;
    }
}
