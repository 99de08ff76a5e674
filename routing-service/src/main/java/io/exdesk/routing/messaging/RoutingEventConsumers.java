package io.exdesk.routing.messaging;

import io.exdesk.events.CloudEvents;
import io.exdesk.events.EventType;
import io.exdesk.platform.messaging.IdempotentConsumer;
import io.exdesk.platform.messaging.KafkaHeaders;
import io.exdesk.routing.service.RoutingService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
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
        consume(record);
    }

    @Incoming("sla-events")
    @Blocking
    public void onSla(ConsumerRecord<String, byte[]> record) {
        consume(record);
    }

    private void consume(ConsumerRecord<String, byte[]> record) {
        Optional<EventType> type = EventType.find(KafkaHeaders.text(record.headers(), CloudEvents.TYPE));
        if (type.isPresent() && !RoutingService.FACTS.contains(type.get())) {
            // sla-scheduled, sla-met, replies: several per ticket and no decision to take, so no transaction
            // and no dedup record either. Anything unreadable still goes through the consumer (dead letter).
            return;
        }
        consumer.consume(CONSUMER, record, event -> routing.apply(event.payload()));
    }
}
