package io.exdesk.events;

/** A fact owned by ticket-service (topic {@code ticket-events}), stamped with the ticket's version. */
public sealed interface TicketEvent extends TicketScopedEvent
        permits TicketCreated, PriorityChanged, StatusChanged, TicketResponded, CustomerReplied, TicketErased,
        CsatSubmitted {

    /**
     * The ticket's version after this fact; strictly increasing per ticket, so a consumer that has seen
     * version n can drop any event with version &lt;= n as stale or duplicate.
     */
    long version();
}
