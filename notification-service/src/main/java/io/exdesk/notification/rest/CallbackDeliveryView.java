package io.exdesk.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exdesk.notification.domain.Delivery;
import java.time.Instant;
import java.util.UUID;

/** One callback of a subscription's delivery log; {@code id} is the CloudEvent's {@code ce-id}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackDeliveryView(UUID id, String type, UUID ticketId, String ticketNumber, String status,
                                   int attempts, Instant nextAttemptAt, String lastError, Instant occurredAt,
                                   Instant createdAt, Instant sentAt) {

    static CallbackDeliveryView of(Delivery d) {
        return new CallbackDeliveryView(d.id, d.subject, d.ticketId, d.ticketNumber, d.status.name(), d.attempts,
                d.nextAttemptAt, d.lastError, d.occurredAt, d.createdAt, d.sentAt);
    }
}
