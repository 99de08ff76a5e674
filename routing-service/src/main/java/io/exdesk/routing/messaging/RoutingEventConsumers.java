package io.exdesk.routing.messaging;

import io.exdesk.platform.messaging.IdempotentConsumer;
import io.exdesk.routing.service.RoutingService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Routes tickets from ticket facts and escalates them on SLA warnings and breaches. */
@ApplicationScoped
public class RoutingEventConsumers {

    static final String CONSUMER = "routing-service";

    private final IdempotentConsumer consumer;
    private final RoutingService routing;

    public RoutingEventConsumers(IdempotentConsumer consumer, RoutingService routing) {
        this.consumer = consumer;
        this.routing = routing;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onTicket(ConsumerRecord<String, byte[]> record) {
        consumer.consume(CONSUMER, record, event -> routing.apply(event.payload()));
    }

    @Incoming("sla-events")
    @Blocking
    public void onSla(ConsumerRecord<String, byte[]> record) {
        consumer.consume(CONSUMER, record, event -> routing.apply(event.payload()));
    }
}
