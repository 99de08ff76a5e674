package io.exdesk.sla.messaging;

import io.exdesk.events.CustomerErased;
import io.exdesk.events.TicketErased;
import io.exdesk.platform.erasure.ErasureConfirmations;
import io.exdesk.platform.messaging.IdempotentConsumer;
import io.exdesk.sla.service.SlaClockService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Drives the SLA clocks from ticket facts and keeps the assignee for warnings and breaches; a poll's
 * records are applied in one transaction ({@link IdempotentConsumer#consumeAll}). Confirms erasures.
 */
@ApplicationScoped
public class SlaEventConsumers {

    static final String CONSUMER = "sla-service";

    private final IdempotentConsumer consumer;
    private final SlaClockService clocks;
    private final ErasureConfirmations erasures;

    public SlaEventConsumers(IdempotentConsumer consumer, SlaClockService clocks, ErasureConfirmations erasures) {
        this.consumer = consumer;
        this.clocks = clocks;
        this.erasures = erasures;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onTicket(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, event -> {
            clocks.apply(event.payload());
            if (event.payload() instanceof TicketErased erased) {
                erasures.confirm(erased);
            }
        });
    }

    /**
     * SLA state names no customer (ticket number, category, priority, tier, assignee and the clocks), so an
     * erasure removes nothing here: the confirmations say so to ticket-service's record of the erasure.
     */
    @Incoming("customer-erasures")
    @Blocking
    public void onCustomerErasure(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, event -> {
            if (event.payload() instanceof CustomerErased erased) {
                erasures.confirm(erased);
            }
        });
    }

    @Incoming("assignment-events")
    @Blocking
    public void onAssignment(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, event -> clocks.apply(event.payload()));
    }
}
