package io.exdesk.ticket.service;

import java.time.Instant;
import java.util.UUID;

/** Where a page of the ticket list ends in its order (created_at DESC, id DESC): the next starts after it. */
public record TicketPosition(Instant createdAt, UUID id) {
}
