package io.exdesk.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** Any event payload of the ExDesk contract; {@link EventType#of} gives its {@code ce_type} and topic. */
public sealed interface ExDeskEvent permits TicketScopedEvent, SlaPolicyUpdated, CustomerErased, ErasureConfirmed,
        AgentDirectoryEvent {

    /** When the fact happened at its producer (UTC); becomes {@code ce_time}. */
    Instant occurredAt();

    /**
     * The Kafka record key and {@code ce_subject}. Derived from the payload, so it is not serialised:
     * it must never disagree with the fields it comes from.
     */
    @JsonIgnore
    String key();
}
