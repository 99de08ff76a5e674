package io.exdesk.ticket.rest;

import io.exdesk.events.Priority;
import io.exdesk.events.TicketStatus;

/** A partial update (merge patch): the fields present are changed, absent ones are left alone. */
public record UpdateTicketRequest(Priority priority, TicketStatus status) {
}
