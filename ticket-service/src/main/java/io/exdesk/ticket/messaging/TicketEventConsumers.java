package io.exdesk.ticket.messaging;

import io.exdesk.events.ErasureConfirmed;
import io.exdesk.platform.messaging.IdempotentConsumer;
import io.exdesk.ticket.service.CustomerErasures;
import io.exdesk.ticket.service.TicketProjections;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the ticket's assignee, SLA state and the SLA targets current from the other services' events, and
 * collects their confirmations of erasures. Assignments and SLA events, one or more per ticket, come in batches: a
 * poll's records are applied in one transaction ({@link IdempotentConsumer#consumeAll}), one commit (and fsync)
 * per batch rather than per event.
 */
@ApplicationScoped
public class TicketEventConsumers {

    static final String CONSUMER = "ticket-service";

    private final IdempotentConsumer consumer;
    private final TicketProjections projections;
    private final CustomerErasures erasures;

    public TicketEventConsumers(IdempotentConsumer consumer, TicketProjections projections, CustomerErasures erasures) {
        this.consumer = consumer;
        this.projections = projections;
        this.erasures = erasures;
    }

    @Incoming("assignment-events")
    @Blocking
    public void onAssignment(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, event -> projections.apply(event.payload()));
    }

    @Incoming("sla-events")
    @Blocking
    public void onSla(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, event -> projections.apply(event.payload()));
    }

    @Incoming("sla-policies")
    @Blocking
    public void onPolicy(ConsumerRecord<String, byte[]> record) {
        consumer.consume(CONSUMER, record, event -> projections.apply(event.payload()));
    }

    @Incoming("erasure-confirmations")
    @Blocking
    public void onErasureConfirmation(ConsumerRecord<String, byte[]> record) {
        consumer.consume(CONSUMER, record, event -> {
            if (event.payload() instanceof ErasureConfirmed confirmation) {
                erasures.confirmed(confirmation);
            }
        });
    }
}
