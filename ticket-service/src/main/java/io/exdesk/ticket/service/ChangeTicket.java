package io.exdesk.ticket.service;

import io.exdesk.events.Priority;
import io.exdesk.events.TicketStatus;
import java.util.UUID;

/**
 * Change a ticket's priority and/or status (null leaves it), if it is still at one of the versions
 * {@code ifMatch} names (null: whatever version it is at).
 */
public record ChangeTicket(UUID id, Priority priority, TicketStatus status, String ifMatch) {
}
