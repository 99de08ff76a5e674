package io.exdesk.ticket.service;

import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.TicketSla;
import java.util.List;

/** A ticket with its SLA clocks, as sla-service last reported them. */
public record TicketDetails(Ticket ticket, List<TicketSla> slaClocks) {
}
