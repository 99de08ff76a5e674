package io.exdesk.routing.messaging;

import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.TicketAssigned;
import io.exdesk.platform.messaging.EventCodec;
import io.exdesk.platform.messaging.KafkaHeaders;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the agents' live streams from the published {@code assignment-events}, read by every instance
 * with a group of its own: an agent connected to any instance sees assignments made by all of them, and
 * only once they are committed and published.
 */
@ApplicationScoped
public class AssignmentStream {

    private static final Logger LOG = Logger.getLogger(AssignmentStream.class);

    private final EventCodec codec;
    private final BroadcastProcessor<TicketAssigned> assignments = BroadcastProcessor.create();

    public AssignmentStream(EventCodec codec) {
        this.codec = codec;
    }

    @Incoming("assignment-stream")
    public void onAssignment(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEventHeaders headers = KafkaHeaders.read(record.headers());
            Optional<EventType> type = EventType.find(headers.type());
            if (type.isPresent() && record.value() != null) {
                ExDeskEvent event = codec.fromJson(type.get(), record.value());
                if (event instanceof TicketAssigned assigned) {
                    assignments.onNext(assigned);
                }
            }
        } catch (RuntimeException e) {
            // The stream is a convenience view; a record it cannot read is skipped, never retried.
            LOG.debugf(e, "Live stream skips the record at %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }

    /** Assignments to the agent ({@code ASSIGNED}) and away from them ({@code UNASSIGNED}) from now on. */
    public Multi<AssignmentStreamEvent> of(String agentId) {
        return assignments
                .filter(a -> agentId.equals(a.agentId()) || agentId.equals(a.previousAgentId()))
                .map(a -> AssignmentStreamEvent.of(a, agentId));
    }
}
