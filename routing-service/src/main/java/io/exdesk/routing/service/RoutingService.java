package io.exdesk.routing.service;

import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketEvent;
import io.exdesk.events.TicketQueued;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.routing.domain.Agent;
import io.exdesk.routing.domain.AgentStatus;
import io.exdesk.routing.domain.RoutedTicket;
import io.exdesk.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Routing decisions: route new tickets, queue what no one can take, drain the queue when capacity frees,
 * hand back an unavailable agent's tickets, escalate on SLA warnings and breaches, and reassign on request.
 * Every entry point takes the {@link RoutingLock} first and writes its events to the outbox in the same
 * transaction as the state change.
 *
 * <p>Invariant kept by every decision: when a transaction commits, no queued ticket is eligible for an agent
 * with room (capacity-freeing changes drain the queue). So a new ticket that finds an agent with room never
 * overtakes a queued one, and the queue drains strictly by priority, then age.
 */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    private final RoutingLock lock;
    private final AgentSelector selector;
    private final OutboxWriter outbox;
    private final RoutingMetrics metrics;
    private final RoutingConfig config;
    private final Clock clock;

    public RoutingService(RoutingLock lock, AgentSelector selector, OutboxWriter outbox, RoutingMetrics metrics,
                          RoutingConfig config, Clock clock) {
        this.lock = lock;
        this.selector = selector;
        this.outbox = outbox;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** Applies a consumed event; events routing has no use for are ignored without taking the lock. */
    @Transactional
    public void apply(ExDeskEvent event) {
        if (!decidesRouting(event)) {
            return;
        }
        lock.acquire();
        if (event instanceof TicketCreated created) {
            created(created);
        } else if (event instanceof TicketEvent fact) { // priority or status changed
            RoutedTicket ticket = RoutedTicket.findById(fact.ticketId());
            if (ticket == null || fact.version() <= ticket.version) {
                return; // unknown ticket, or a fact already applied (duplicate or out of order)
            }
            ticket.version = fact.version();
            if (fact instanceof PriorityChanged changed) {
                ticket.setPriority(changed.priority()); // a queued ticket moves in the queue with it
            } else if (fact instanceof StatusChanged changed) {
                statusChanged(ticket, changed);
            }
        } else if (event instanceof SlaWarning warning) {
            slaWarning(warning);
        } else if (event instanceof SlaBreached breached) {
            slaBreached(breached);
        }
    }

    /** The event types routing acts on; consumers skip the others without a transaction. */
    public static final Set<EventType> FACTS = Set.of(EventType.TICKET_CREATED, EventType.PRIORITY_CHANGED,
            EventType.STATUS_CHANGED, EventType.SLA_WARNING, EventType.SLA_BREACHED);

    /**
     * Whether the event needs a decision, so only those queue up for the lock. Skipping the version of a fact
     * routing does not act on (a reply) is safe: versions only order the facts routing applies.
     */
    private boolean decidesRouting(ExDeskEvent event) {
        if (event instanceof SlaWarning warning) {
            return warning.level() >= config.escalation().level();
        }
        return FACTS.contains(EventType.of(event));
    }

    /** A supervisor moves a ticket to an agent of their choice (skills and language are their call). */
    @Transactional
    public RoutedTicket reassign(UUID ticketId, String agentId) {
        lock.acquire();
        RoutedTicket ticket = RoutedTicket.findById(ticketId);
        if (ticket == null) {
            throw ProblemException.notFound("Ticket", ticketId);
        }
        if (!ticket.isOpen()) {
            throw ProblemException.conflict("Ticket " + ticket.ticketNumber + " is " + ticket.ticketStatus
                    + ": only open tickets can be reassigned");
        }
        Agent agent = Agent.findById(agentId);
        if (agent == null) {
            throw ProblemException.invalid("agentId", "names no agent");
        }
        if (ticket.state == RoutedTicket.State.ASSIGNED && agentId.equals(ticket.assigneeId)) {
            return ticket; // already there: nothing to do, nothing to emit
        }
        if (agent.status == AgentStatus.OFFLINE) {
            throw ProblemException.conflict("Agent " + agentId + " is OFFLINE");
        }
        if (!agent.hasRoom()) {
            throw ProblemException.conflict("Agent " + agentId + " is at capacity (" + agent.capacity + ")");
        }
        String previous = release(ticket);
        assign(ticket, agent, AssignmentReason.REASSIGNED, previous);
        drain();
        return ticket;
    }

    /** An agent's availability changed: OFFLINE hands their tickets back, ONLINE takes from the queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void availabilityChanged(Agent agent, AgentStatus previous) {
        if (agent.status == AgentStatus.OFFLINE && previous != AgentStatus.OFFLINE) {
            handBack(agent);
        }
        drain();
    }

    /**
     * Assigns queued tickets, first by priority then by age, while some agent can take the one in front.
     * Called after every change that can free capacity; the caller holds the lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void drain() {
        for (Optional<RoutedTicket> next = selector.nextAssignable(); next.isPresent(); next = selector.nextAssignable()) {
            RoutedTicket ticket = next.get();
            Agent agent = selector.best(ticket, null)
                    .orElseThrow(() -> new IllegalStateException("An assignable ticket has no eligible agent"));
            assign(ticket, agent, AssignmentReason.ROUTED, null);
        }
    }

    /** Takes the lock and drains; the safety net for anything that changed without an event. */
    @Transactional
    public void drainQueue() {
        lock.acquire();
        drain();
    }

    private void created(TicketCreated created) {
        if (RoutedTicket.findById(created.ticketId()) != null) {
            return; // replayed under a new event id: the ticket is routed already
        }
        RoutedTicket ticket = new RoutedTicket();
        ticket.ticketId = created.ticketId();
        ticket.ticketNumber = created.ticketNumber();
        ticket.version = created.version();
        ticket.setPriority(created.priority());
        ticket.category = created.category();
        ticket.language = created.language();
        ticket.customerTier = created.customerTier();
        ticket.ticketStatus = TicketStatus.NEW;
        ticket.state = RoutedTicket.State.QUEUED;
        ticket.createdAt = created.createdAt();
        ticket.occurredAt = created.occurredAt();
        route(ticket, AssignmentReason.ROUTED, null, null);
        ticket.persist(); // after the decision, so the row is written once, as routed
    }

    private void statusChanged(RoutedTicket ticket, StatusChanged changed) {
        ticket.ticketStatus = changed.status();
        ticket.setPriority(changed.priority());
        boolean done = changed.status() == TicketStatus.RESOLVED || changed.status() == TicketStatus.CLOSED;
        if (done && ticket.isOpen()) {
            String last = release(ticket);
            ticket.state = RoutedTicket.State.DONE;
            ticket.assigneeId = last; // kept as the last holder, counted against nobody
            drain();
        } else if (!done && !ticket.isOpen()) {
            // Reopened by the customer: routed afresh, its last holder recorded as the previous one.
            String last = ticket.assigneeId;
            ticket.state = RoutedTicket.State.QUEUED;
            ticket.assigneeId = null;
            route(ticket, AssignmentReason.ROUTED, last, null);
        }
    }

    private void slaWarning(SlaWarning warning) {
        RoutedTicket ticket = RoutedTicket.findById(warning.ticketId());
        if (ticket == null || !ticket.isOpen() || ticket.escalatedOn(warning.clock())) {
            return;
        }
        ticket.markEscalated(warning.clock());
        Agent holder = holder(ticket);
        if (holder != null && holder.tier == AgentTier.SUPERVISOR) {
            return; // already at the top
        }
        Optional<Agent> target = holder == null ? Optional.empty() : selector.higherTier(ticket, holder);
        escalate(ticket, holder, target.or(() -> selector.supervisor(ticket, team(holder), idOf(holder))));
    }

    private void slaBreached(SlaBreached breached) {
        RoutedTicket ticket = RoutedTicket.findById(breached.ticketId());
        if (ticket == null || !ticket.isOpen()) {
            return;
        }
        Agent holder = holder(ticket);
        if (holder != null && holder.tier == AgentTier.SUPERVISOR) {
            return; // a supervisor holds it already
        }
        escalate(ticket, holder, selector.supervisor(ticket, team(holder), idOf(holder)));
    }

    private void escalate(RoutedTicket ticket, Agent holder, Optional<Agent> target) {
        if (target.isEmpty()) {
            LOG.warnf("No agent or supervisor has room to take escalated ticket %s from %s", ticket.ticketNumber,
                    holder == null ? "the queue" : holder.id);
            metrics.escalationUnmet();
            return;
        }
        String previous = release(ticket);
        assign(ticket, target.get(), AssignmentReason.ESCALATED, previous);
        drain(); // the previous holder has room again
    }

    /** The agent's open tickets go to others (or the queue), most urgent first. */
    private void handBack(Agent agent) {
        List<RoutedTicket> held = RoutedTicket.list("assigneeId = ?1 and state = ?2 order by priorityRank, createdAt",
                agent.id, RoutedTicket.State.ASSIGNED);
        for (RoutedTicket ticket : held) {
            String previous = release(ticket);
            route(ticket, AssignmentReason.AGENT_UNAVAILABLE, previous, agent.id);
        }
    }

    /** To the best eligible agent, else into the queue. */
    private void route(RoutedTicket ticket, AssignmentReason reason, String previous, String excluded) {
        Optional<Agent> best = selector.best(ticket, excluded);
        if (best.isPresent()) {
            assign(ticket, best.get(), reason, previous);
        } else {
            queue(ticket);
        }
    }

    private void queue(RoutedTicket ticket) {
        ticket.state = RoutedTicket.State.QUEUED;
        ticket.assigneeId = null;
        outbox.append(new TicketQueued(ticket.ticketId, clock.instant(), ticket.ticketNumber, ticket.priority,
                ticket.category, ticket.language, ticket.customerTier));
        metrics.queued(ticket.priority);
    }

    private void assign(RoutedTicket ticket, Agent agent, AssignmentReason reason, String previous) {
        if (!agent.hasRoom()) {
            // The selection only offers agents with room; the database's check would refuse this anyway.
            throw new IllegalStateException("Agent " + agent.id + " is at capacity");
        }
        Instant now = clock.instant();
        boolean first = ticket.assignedAt == null;
        agent.openTickets++;
        agent.lastAssignedAt = now;
        ticket.state = RoutedTicket.State.ASSIGNED;
        ticket.assigneeId = agent.id;
        ticket.assignedAt = now;
        outbox.append(new TicketAssigned(ticket.ticketId, now, ticket.ticketNumber, agent.id, previous, reason,
                agent.tier, agent.team, ticket.priority, ticket.category, ticket.language));
        metrics.assigned(reason, ticket.priority, first ? Duration.between(ticket.occurredAt, now) : null);
    }

    /** Takes the ticket off its holder, if any; returns who held it. */
    private String release(RoutedTicket ticket) {
        if (ticket.state != RoutedTicket.State.ASSIGNED) {
            return null;
        }
        Agent holder = Agent.findById(ticket.assigneeId);
        holder.openTickets--;
        String previous = ticket.assigneeId;
        ticket.state = RoutedTicket.State.QUEUED;
        ticket.assigneeId = null;
        return previous;
    }

    private static Agent holder(RoutedTicket ticket) {
        return ticket.state == RoutedTicket.State.ASSIGNED ? Agent.findById(ticket.assigneeId) : null;
    }

    private static String team(Agent agent) {
        return agent == null ? null : agent.team;
    }

    private static String idOf(Agent agent) {
        return agent == null ? null : agent.id;
    }
}
