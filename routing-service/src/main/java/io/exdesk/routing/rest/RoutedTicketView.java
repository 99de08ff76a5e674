package io.exdesk.routing.rest;

import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketStatus;
import io.exdesk.routing.domain.RoutedTicket;
import java.time.Instant;
import java.util.UUID;

/** A ticket's routing state: queued, assigned (to whom, since when) or done. */
public record RoutedTicketView(UUID ticketId, String ticketNumber, Priority priority, Category category,
                               String language, CustomerTier customerTier, TicketStatus ticketStatus,
                               RoutedTicket.State state, String assigneeId, Instant assignedAt, Instant createdAt) {

    public static RoutedTicketView of(RoutedTicket t) {
        return new RoutedTicketView(t.ticketId, t.ticketNumber, t.priority, t.category, t.language, t.customerTier,
                t.ticketStatus, t.state, t.state == RoutedTicket.State.DONE ? null : t.assigneeId, t.assignedAt,
                t.createdAt);
    }
}
