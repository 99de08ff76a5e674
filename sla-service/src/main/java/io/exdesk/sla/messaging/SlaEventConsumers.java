package io.exdesk.sla.messaging;

import io.exdesk.platform.messaging.IdempotentConsumer;
import io.exdesk.sla.service.SlaClockService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Drives the SLA clocks from ticket facts and keeps the assignee for warnings and breaches; a poll's
 * records are applied in one transaction ({@link IdempotentConsumer#consumeAll}).
 */
@ApplicationScoped
public class SlaEventConsumers {

    static final String CONSUMER = "sla-service";

    private final IdempotentConsumer consumer;
    private final SlaClockService clocks;

    public SlaEventConsumers(IdempotentConsumer consumer, SlaClockService clocks) {
        this.consumer = consumer;
        this.clocks = clocks;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onTicket(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, event -> clocks.apply(event.payload()));
    }

    @Incoming("assignment-events")
    @Blocking
    public void onAssignment(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, event -> clocks.apply(event.payload()));
    }
}
