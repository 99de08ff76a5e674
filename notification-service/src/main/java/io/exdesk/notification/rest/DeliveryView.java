package io.exdesk.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exdesk.notification.domain.Delivery;
import java.time.Instant;
import java.util.UUID;

/** One entry of the delivery log: who was owed what, on which channel, and how it went. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(UUID id, UUID eventId, String eventType, String rule, UUID ticketId, String ticketNumber,
                           String recipient, String channel, String address, String language, String subject,
                           String status, int attempts, Instant nextAttemptAt, String lastError, Instant occurredAt,
                           Instant createdAt, Instant sentAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id, d.eventId, d.eventType, d.rule, d.ticketId, d.ticketNumber, d.recipient,
                d.channel.name(), d.address, d.language, d.subject, d.status.name(), d.attempts, d.nextAttemptAt,
                d.lastError, d.occurredAt, d.createdAt, d.sentAt);
    }
}
