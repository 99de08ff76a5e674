package io.exdesk.events;

/** Why a ticket's personal data was erased ({@link TicketErased#reason()}). */
public enum ErasureReason {
    /**
     * The customer asked (their erasure request): consumers erase the ticket's data and everything they hold
     * of the customer, and confirm it.
     */
    REQUEST,
    /**
     * The ticket was closed longer than the contact-data retention: consumers drop what they hold of this
     * ticket's customer data only. The customer may still have open tickets, so their other data stays.
     */
    RETENTION
}
