package io.exdesk.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.UUID;

/** An event about one ticket; keyed by the ticket id so all events of a ticket stay ordered on one partition. */
public sealed interface TicketScopedEvent extends ExDeskEvent
        permits TicketEvent, TicketAssigned, TicketQueued, SlaScheduled, SlaWarning, SlaBreached, SlaMet, EmailReply {

    UUID ticketId();

    @Override
    @JsonIgnore
    default String key() {
        return ticketId().toString();
    }
}
