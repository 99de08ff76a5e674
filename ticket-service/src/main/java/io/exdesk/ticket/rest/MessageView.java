package io.exdesk.ticket.rest;

import io.exdesk.ticket.domain.TicketMessage;
import java.time.Instant;
import java.util.UUID;

/** A reply on a ticket. */
public record MessageView(UUID id, TicketMessage.AuthorType authorType, String authorId, String body, Instant createdAt) {

    public static MessageView of(TicketMessage m) {
        return new MessageView(m.id, m.authorType, m.authorId, m.body, m.createdAt);
    }
}
