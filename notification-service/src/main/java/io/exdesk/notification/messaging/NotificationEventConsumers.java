package io.exdesk.notification.messaging;

import io.exdesk.notification.service.ContactDirectory;
import io.exdesk.notification.service.DeliveryPlanner;
import io.exdesk.notification.service.EmailReplyPlanner;
import io.exdesk.platform.messaging.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records the deliveries each event owes, exactly once per event: the deliveries are written in the
 * transaction that marks the event processed, and sent afterwards by the channel workers. Records
 * come a poll at a time and are recorded in one transaction (see {@link IdempotentConsumer#consumeAll}), which
 * first locks the rows of the tickets they name in one order ({@link DeliveryPlanner#beforeEvents}).
 */
@ApplicationScoped
public class NotificationEventConsumers {

    static final String CONSUMER = "notification-service";

    private final IdempotentConsumer consumer;
    private final DeliveryPlanner planner;
    private final ContactDirectory directory;
    private final EmailReplyPlanner emailReplies;

    public NotificationEventConsumers(IdempotentConsumer consumer, DeliveryPlanner planner, ContactDirectory directory,
                                      EmailReplyPlanner emailReplies) {
        this.consumer = consumer;
        this.planner = planner;
        this.directory = directory;
        this.emailReplies = emailReplies;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onTicket(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, planner);
    }

    @Incoming("assignment-events")
    @Blocking
    public void onAssignment(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, planner);
    }

    @Incoming("sla-events")
    @Blocking
    public void onSla(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, planner);
    }

    @Incoming("customer-erasures")
    @Blocking
    public void onCustomerErasure(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, planner);
    }

    /** Agents' replies owed to customers by e-mail (ticket-service's e-mail intake). */
    @Incoming("email-replies")
    @Blocking
    public void onEmailReply(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, emailReplies::apply);
    }

    /** routing-service's agent directory: how to reach each agent, kept in the contact directory. */
    @Incoming("agent-profiles")
    @Blocking
    public void onAgentProfile(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, event -> directory.apply(event.payload()));
    }
}
