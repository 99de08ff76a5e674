package io.exdesk.ticket.domain;

import static io.exdesk.events.TicketStatus.ASSIGNED;
import static io.exdesk.events.TicketStatus.CLOSED;
import static io.exdesk.events.TicketStatus.IN_PROGRESS;
import static io.exdesk.events.TicketStatus.NEW;
import static io.exdesk.events.TicketStatus.PENDING_CUSTOMER;
import static io.exdesk.events.TicketStatus.RESOLVED;

import io.exdesk.events.TicketStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ticket status state machine for changes made through the API. ASSIGNED is not a target
 * here: it is set when routing assigns an agent. CLOSED is final; RESOLVED may be reopened.
 */
public final class TicketLifecycle {

    private static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = Map.of(
            NEW, EnumSet.of(IN_PROGRESS, PENDING_CUSTOMER, RESOLVED, CLOSED),
            ASSIGNED, EnumSet.of(IN_PROGRESS, PENDING_CUSTOMER, RESOLVED, CLOSED),
            IN_PROGRESS, EnumSet.of(PENDING_CUSTOMER, RESOLVED, CLOSED),
            PENDING_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED),
            RESOLVED, EnumSet.of(IN_PROGRESS, CLOSED),
            CLOSED, EnumSet.noneOf(TicketStatus.class));

    private TicketLifecycle() {
    }

    public static boolean canMove(TicketStatus from, TicketStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    public static Set<TicketStatus> next(TicketStatus from) {
        return ALLOWED.get(from);
    }
}
