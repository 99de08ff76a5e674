package io.exdesk.ticket.service;

import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaMet;
import io.exdesk.events.SlaPolicyUpdated;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketStatus;
import io.exdesk.ticket.domain.SlaPolicyTarget;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.TicketHistory;
import io.exdesk.ticket.domain.TicketSla;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What ticket-service learns from the other services: the assignee (routing-service), the SLA
 * state of each clock and the SLA targets (sla-service). Called inside the idempotent consumer's
 * transaction, so each event is applied once.
 */
@ApplicationScoped
public class TicketProjections {

    static final String ROUTING = "routing-service";

    private final TicketService tickets;
    private final Clock clock;

    public TicketProjections(TicketService tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ExDeskEvent event) {
        if (event instanceof TicketAssigned assigned) {
            assign(assigned);
        } else if (event instanceof SlaScheduled scheduled) {
            clock(scheduled.ticketId(), scheduled.clock(), sla -> {
                sla.dueAt = scheduled.dueAt();
                if (sla.state != TicketSla.State.BREACHED && sla.state != TicketSla.State.MET) {
                    sla.state = scheduled.paused() ? TicketSla.State.PAUSED : TicketSla.State.RUNNING;
                }
            });
        } else if (event instanceof SlaWarning warning) {
            clock(warning.ticketId(), warning.clock(), sla -> {
                sla.dueAt = warning.dueAt();
                sla.warningLevel = Math.max(sla.warningLevel, warning.level());
            });
        } else if (event instanceof SlaBreached breached) {
            clock(breached.ticketId(), breached.clock(), sla -> {
                sla.dueAt = breached.dueAt();
                sla.state = TicketSla.State.BREACHED;
            });
        } else if (event instanceof SlaMet met) {
            clock(met.ticketId(), met.clock(), sla -> {
                sla.dueAt = met.dueAt();
                sla.state = TicketSla.State.MET;
            });
        } else if (event instanceof SlaPolicyUpdated policy) {
            updatePolicy(policy);
        }
        // Other types on these topics (ticket-queued, ...) change nothing here.
    }

    private void assign(TicketAssigned event) {
        Ticket t = Ticket.findById(event.ticketId(), LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            return;
        }
        t.assigneeTier = event.agentTier(); // not versioned: only CSAT reads it, as of the rating
        if (event.agentId().equals(t.assigneeId)) {
            return;
        }
        Instant now = clock.instant();
        String previous = t.assigneeId;
        t.assigneeId = event.agentId();
        t.touch(now);
        TicketHistory.of(t, "ASSIGNED", ROUTING, "assignee", previous, event.agentId(), now).persist();
        if (t.status == TicketStatus.NEW) {
            tickets.changeStatus(t, TicketStatus.ASSIGNED, ROUTING, now);
        }
    }

    private void clock(UUID ticketId, SlaClock clockType, java.util.function.Consumer<TicketSla> change) {
        if (Ticket.findById(ticketId) == null) {
            return;
        }
        TicketSla.Key key = new TicketSla.Key(ticketId, clockType);
        TicketSla sla = TicketSla.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (sla == null) {
            sla = new TicketSla();
            sla.key = key;
            sla.state = TicketSla.State.RUNNING;
            change.accept(sla);
            sla.updatedAt = clock.instant();
            sla.persist();
        } else {
            change.accept(sla);
            sla.updatedAt = clock.instant();
        }
    }

    private void updatePolicy(SlaPolicyUpdated event) {
        SlaPolicyTarget.Key key = new SlaPolicyTarget.Key(event.priority(), event.customerTier());
        SlaPolicyTarget target = SlaPolicyTarget.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (target == null) {
            target = new SlaPolicyTarget();
            target.key = key;
            target.persist();
        } else if (target.policyVersion > event.policyVersion()) {
            return; // an older policy replayed from the compacted topic
        }
        target.policyVersion = event.policyVersion();
        target.firstResponseSeconds = event.firstResponseSeconds();
        target.resolutionSeconds = event.resolutionSeconds();
    }
}
