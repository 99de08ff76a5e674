package io.exdesk.routing.messaging;

import io.exdesk.events.CloudEvents;
import io.exdesk.events.CustomerErased;
import io.exdesk.events.EventType;
import io.exdesk.events.TicketErased;
import io.exdesk.platform.erasure.ErasureConfirmations;
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

/**
 * Routes tickets from ticket facts and escalates them on SLA warnings and breaches; confirms erasures.
 */
@ApplicationScoped
public class RoutingEventConsumers {

    static final String CONSUMER = "routing-service";

    private final IdempotentConsumer consumer;
    private final RoutingService routing;
    private final RoutingLock lock;
    private final ErasureConfirmations erasures;

    public RoutingEventConsumers(IdempotentConsumer consumer, RoutingService routing, RoutingLock lock,
                                 ErasureConfirmations erasures) {
        this.consumer = consumer;
        this.routing = routing;
        this.lock = lock;
        this.erasures = erasures;
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

    @Incoming("customer-erasures")
    @Blocking
    public void onCustomerErasure(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll(CONSUMER, records, this::confirmErasure);
    }

    /**
     * Applies the records that call for a routing decision, a poll's worth in one transaction
     * ({@link IdempotentConsumer#consumeAll}): the routing lock and the commit are taken once per batch.
     */
    public void consume(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> decisions = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> erased = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<EventType> type = EventType.find(KafkaHeaders.text(record.headers(), CloudEvents.TYPE));
            // sla-scheduled, sla-met, replies: several per ticket and no decision to take, so no transaction
            // and no dedup record either. Anything unreadable still goes through the consumer (dead letter).
            if (type.isEmpty() || RoutingService.FACTS.contains(type.get())) {
                decisions.add(record);
            } else if (type.get() == EventType.TICKET_ERASED) {
                erased.add(record); // no routing decision, so not behind the routing lock
            }
        }
        if (!erased.isEmpty()) {
            consumer.consumeAll(CONSUMER, erased, this::confirmErasure);
        }
        if (!decisions.isEmpty()) {
            consumer.consumeAll(CONSUMER, decisions, new EventHandler() {
                @Override
                public void beforeEvents(List<ReceivedEvent> events) {
                    lock.acquire(); // before the dedup rows, as every routing transaction takes it first
                }

                @Override
                public void handle(ReceivedEvent event) {
                    routing.apply(event.payload());
                }
            });
        }
    }

    /**
     * Routing keeps nothing personal of a ticket or its customer (number, priority, category, language, tier,
     * holder; never the customer id or the subject), so an erasure removes nothing here: the confirmation
     * says so to ticket-service's record of the erasure.
     */
    private void confirmErasure(ReceivedEvent event) {
        if (event.payload() instanceof TicketErased ticket) {
            erasures.confirm(ticket);
        } else if (event.payload() instanceof CustomerErased customer) {
            erasures.confirm(customer);
        }
    }
}
