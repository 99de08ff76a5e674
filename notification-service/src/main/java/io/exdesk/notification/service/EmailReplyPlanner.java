package io.exdesk.notification.service;

import io.exdesk.events.EmailReply;
import io.exdesk.events.EventType;
import io.exdesk.notification.domain.ContactKind;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.notification.domain.DeliveryStatus;
import io.exdesk.platform.messaging.ReceivedEvent;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Records an agent's reply to a customer who wrote by e-mail ({@code email-reply}) as one e-mail delivery, in the
 * transaction that marks the event processed; the EMAIL worker sends it like every other, with retries and dead
 * letters. The delivery's id is the reply's id, so its Message-ID ({@code <reply id@notification.exdesk>}) is the
 * one ticket-service recorded and the customer's answer threads; it answers the customer's last mail
 * ({@code In-Reply-To}, {@code References}). Its recipient is {@code customer:<id>}, so erasure reaches it.
 */
@Singleton
public class EmailReplyPlanner {

    /** The delivery's rule (and the delivery log's): no template, the agent wrote the text. */
    static final String RULE = "email-reply";

    private final DeliverySignals signals;
    private final Clock clock;

    public EmailReplyPlanner(DeliverySignals signals, Clock clock) {
        this.signals = signals;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ReceivedEvent event) {
        if (!(event.payload() instanceof EmailReply reply) || Delivery.findById(reply.messageId()) != null) {
            // The same reply under another event id (a republished copy) is owed once.
            return;
        }
        Instant now = clock.instant();
        Delivery delivery = new Delivery();
        delivery.id = reply.messageId();
        delivery.eventId = event.headers().id();
        delivery.eventType = EventType.of(reply).ceType();
        delivery.rule = RULE;
        delivery.ticketId = reply.ticketId();
        delivery.ticketNumber = reply.ticketNumber();
        delivery.recipient = ContactKind.CUSTOMER.recipient(reply.customerId());
        delivery.channel = DeliveryChannel.EMAIL;
        delivery.address = reply.to();
        delivery.language = reply.language();
        delivery.subject = reply.subject();
        delivery.bodyText = reply.body();
        delivery.bodyHtml = html(reply.body());
        delivery.mailInReplyTo = reply.inReplyTo() == null ? null : "<" + reply.inReplyTo() + ">";
        delivery.mailReferences = reply.references().isEmpty() ? null
                : reply.references().stream().map(id -> "<" + id + ">").collect(Collectors.joining(" "));
        delivery.occurredAt = reply.occurredAt();
        delivery.createdAt = now;
        delivery.status = DeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
        delivery.persist();
        signals.wakeAfterCommit(DeliveryChannel.EMAIL);
    }

    /** The agent's text as HTML: escaped, its line breaks kept. */
    static String html(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return "<!DOCTYPE html><html><body><div style=\"white-space: pre-wrap\">" + escaped + "</div></body></html>";
    }
}
