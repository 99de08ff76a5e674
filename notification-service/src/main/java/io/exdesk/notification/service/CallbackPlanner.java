package io.exdesk.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.EventType;
import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.CallbackPayloads;
import io.exdesk.notification.domain.CallbackSubscription;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.notification.domain.DeliveryStatus;
import io.exdesk.notification.domain.NotifiedTicket;
import io.exdesk.platform.messaging.ReceivedEvent;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records the callbacks an event owes: one CALLBACK delivery per subscription that wants its type, in
 * the transaction that marks the event processed, like every other delivery. The data is rendered now,
 * so every attempt and every replay sends the same bytes under the same {@code ce-id}.
 */
@Singleton
public class CallbackPlanner {

    private final CallbackSubscriptions subscriptions;
    private final DeliverySignals signals;
    private final ObjectMapper json;
    private final EntityManager em;
    private final Clock clock;
    private final String defaultLanguage;

    public CallbackPlanner(CallbackSubscriptions subscriptions, DeliverySignals signals, ObjectMapper json,
                           EntityManager em, Clock clock, NotificationConfig config) {
        this.subscriptions = subscriptions;
        this.signals = signals;
        this.json = json;
        this.em = em;
        this.clock = clock;
        this.defaultLanguage = config.defaultLanguage();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void owe(ReceivedEvent event) {
        CallbackPayloads.of(event.payload()).ifPresent(callback -> {
            List<CallbackSubscription> subscribed = subscriptions.subscribedTo(callback.type());
            if (subscribed.isEmpty()) {
                return;
            }
            NotifiedTicket ticket = em.find(NotifiedTicket.class, callback.ticketId());
            String number = callback.ticketNumber() != null ? callback.ticketNumber()
                    : ticket != null && ticket.ticketNumber != null ? ticket.ticketNumber : callback.ticketId().toString();
            String data = render(callback);
            Instant now = clock.instant();
            for (CallbackSubscription subscription : subscribed) {
                Delivery delivery = new Delivery();
                delivery.id = UUID.randomUUID();
                delivery.eventId = event.headers().id();
                delivery.eventType = EventType.of(event.payload()).ceType();
                delivery.rule = callback.type().typeName();
                delivery.ticketId = callback.ticketId();
                delivery.ticketNumber = number;
                delivery.recipient = subscription.recipient();
                delivery.channel = DeliveryChannel.CALLBACK;
                delivery.address = subscription.url;
                delivery.language = ticket != null && ticket.language != null ? ticket.language : defaultLanguage;
                delivery.subject = callback.type().ceType();
                delivery.bodyText = data;
                delivery.status = DeliveryStatus.PENDING;
                delivery.nextAttemptAt = notBeforeEarlier(delivery, now);
                delivery.occurredAt = callback.occurredAt();
                delivery.createdAt = now;
                delivery.persist();
            }
            signals.wakeAfterCommit(DeliveryChannel.CALLBACK);
        });
    }

    /**
     * Now, or when the subscription's earlier pending callback of the ticket is next tried if that is later:
     * this one cannot go before it (see {@code DeliveryStore#round}), so it is not due before either. The
     * earlier ones are locked until this commits, so the worker that records one of them sent (and then
     * makes the later ones due) sees this one; one the worker holds right now is skipped, never waited for,
     * and this one is then due at once, which only costs a look at it.
     */
    @SuppressWarnings("unchecked")
    private Instant notBeforeEarlier(Delivery delivery, Instant now) {
        List<Object> waiting = em.createNativeQuery("""
                        SELECT next_attempt_at FROM delivery
                        WHERE recipient = ?1 AND ticket_id = ?2 AND channel = 'CALLBACK' AND status = 'PENDING'
                        FOR UPDATE SKIP LOCKED""")
                .setParameter(1, delivery.recipient)
                .setParameter(2, delivery.ticketId)
                .getResultList();
        Instant due = now;
        for (Object time : waiting) {
            Instant earlier = time instanceof Timestamp t ? t.toInstant() : (Instant) time;
            if (earlier != null && earlier.isAfter(due)) {
                due = earlier;
            }
        }
        return due;
    }

    private String render(CallbackPayloads.Callback callback) {
        try {
            return json.writeValueAsString(callback.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
