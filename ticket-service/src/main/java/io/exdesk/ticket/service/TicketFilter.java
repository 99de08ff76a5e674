package io.exdesk.ticket.service;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketStatus;
import java.time.Instant;

/** Filters of the ticket list; null means "any". */
public record TicketFilter(TicketStatus status, Priority priority, Category category, String assigneeId,
                           String customerId, Instant createdFrom, Instant createdTo) {
}
