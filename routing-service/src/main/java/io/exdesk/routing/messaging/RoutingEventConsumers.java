package io.exdesk.routing.messaging;

import io.exdesk.events.CloudEvents;
import io.exdesk.events.EventType;
import io.exdesk.platform.messaging.EventHandler;
import io.exdesk.platform.messaging.IdempotentConsumer;
import io.exdesk.platform.messaging.KafkaHeaders;
import io.exdesk.platform.messaging.ReceivedEvent;
import io.exdesk.routing.service.RoutingLock;
import io.exdesk.routing.service.RoutingService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Routes tickets from ticket facts and escalates them on SLA warnings and breaches. */
@ApplicationScoped
public class RoutingEventConsumers {

    static final String CONSUMER = "routing-service";

    private final IdempotentConsumer consumer;
    private final RoutingService routing;
    private final RoutingLock lock;

    public RoutingEventConsumers(IdempotentConsumer consumer, RoutingService routing, RoutingLock lock) {
        this.consumer = consumer;
        this.routing = routing;
        this.lock = lock;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onTicket(ConsumerRecords<String, byte[]> records) {
        consume(records);
    }

    @Incoming("sla-events")
    @Blocking
    public void onSla(ConsumerRecords<String, byte[]> records) {
        consume(records);
    }

    /**
     * Applies the records that call for a routing decision, a poll's worth in one transaction
     * ({@link IdempotentConsumer#consumeAll}): the routing lock and the commit are taken once per batch.
     */
    public void consume(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> decisions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<EventType> type = EventType.find(KafkaHeaders.text(record.headers(), CloudEvents.TYPE));
            // sla-scheduled, sla-met, replies: several per ticket and no decision to take, so no transaction
            // and no dedup record either. Anything unreadable still goes through the consumer (dead letter).
            if (type.isEmpty() || RoutingService.FACTS.contains(type.get())) {
                decisions.add(record);
            }
        }
        if (!decisions.isEmpty()) {
            consumer.consumeAll(CONSUMER, decisions, new EventHandler() {
                @Override
                public void beforeEvents() {
                    lock.acquire(); // before the dedup rows, as every routing transaction takes it first
                }

                @Override
                public void handle(ReceivedEvent event) {
                    routing.apply(event.payload());
                }
            });
        }
    }
}
