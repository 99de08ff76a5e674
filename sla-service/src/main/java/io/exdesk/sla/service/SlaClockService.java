package io.exdesk.sla.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.CustomerReplied;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaMet;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketEvent;
import io.exdesk.events.TicketQueued;
import io.exdesk.events.TicketResponded;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.platform.transaction.AfterCommit;
import io.exdesk.sla.domain.SlaPolicy;
import io.exdesk.sla.domain.SlaTicket;
import io.exdesk.sla.domain.TicketClock;
import io.exdesk.sla.domain.calendar.BusinessCalendar;
import io.exdesk.sla.domain.calendar.CalendarSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SLA clocks of tickets: started, recomputed, paused, resumed and stopped by ticket events, and
 * fired (warnings, breach) by {@link SlaTimer}. Every change runs in the caller's transaction and
 * writes its events to the outbox; stale ticket facts (a version already applied) are ignored.
 */
@ApplicationScoped
public class SlaClockService {

    /** A breach fired more than this after its instant (the service was down) is reported late: the promise is a second. */
    static final Duration LATE = Duration.ofSeconds(1);

    private final SlaPolicyService policies;
    private final OutboxWriter outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final AfterCommit afterCommit;
    private final SlaTimerSignal timer;
    private final SlaMetrics metrics;
    private final Map<String, BusinessCalendar> calendars = new ConcurrentHashMap<>();

    public SlaClockService(SlaPolicyService policies, OutboxWriter outbox, ObjectMapper json,
                           Clock clock, AfterCommit afterCommit, SlaTimerSignal timer,
                           SlaMetrics metrics) {
        this.metrics = metrics;
        this.policies = policies;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.timer = timer;
    }

    /**
     * Applies a ticket or assignment fact at the instant it occurred; other events are not the clocks'
     * business.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ExDeskEvent event) {
        if (event instanceof TicketAssigned assigned) {
            SlaTicket ticket = SlaTicket.findById(assigned.ticketId(), LockModeType.PESSIMISTIC_WRITE);
            if (ticket != null) {
                ticket.assigneeId = assigned.agentId();
                ticket.learn(assigned.ticketNumber(), assigned.category());
            }
            return;
        }
        if (event instanceof TicketQueued queued) {
            SlaTicket ticket = SlaTicket.findById(queued.ticketId(), LockModeType.PESSIMISTIC_WRITE);
            if (ticket != null) {
                ticket.learn(queued.ticketNumber(), queued.category());
            }
            return;
        }
        if (!(event instanceof TicketEvent fact)) {
            return;
        }
        // Time counts from when the fact happened, not from when this service heard of it: a ticket
        // created while the service was down has been waiting since then. Never from the future, though.
        Instant received = clock.instant();
        Instant now = fact.occurredAt().isBefore(received) ? fact.occurredAt() : received;
        if (fact instanceof TicketCreated created) {
            start(created, now);
            return;
        }
        SlaTicket ticket = SlaTicket.findById(fact.ticketId(), LockModeType.PESSIMISTIC_WRITE);
        if (ticket == null) {
            return;
        }
        // Number and category never change, so even a stale fact may fill in what an old row lacks.
        learnFrom(ticket, fact);
        if (fact.version() <= ticket.version) {
            return; // a fact already applied (duplicate or out of order)
        }
        ticket.version = fact.version();
        if (fact instanceof PriorityChanged changed) {
            ticket.priority = changed.priority();
            for (TicketClock c : clocks(ticket)) {
                if (c.isOpen()) {
                    applyPolicy(c, ticket, now);
                    scheduled(c, ticket);
                }
            }
        } else if (fact instanceof StatusChanged changed) {
            statusChanged(ticket, changed.previousStatus(), changed.status(), now);
        } else if (fact instanceof TicketResponded) {
            clock(ticket, SlaClock.FIRST_RESPONSE).filter(TicketClock::isOpen).ifPresent(c -> stop(c, ticket, now));
        }
        wakeTimerAfterCommit();
    }

    /** Fires what is due on one clock: pending warnings in order, then the breach. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fire(TicketClock c, Instant now) {
        SlaTicket ticket = SlaTicket.findById(c.key.ticketId());
        BusinessCalendar calendar = calendar(c.calendar);
        while (c.state == TicketClock.State.RUNNING && c.nextFireAt != null && !c.nextFireAt.isAfter(now)) {
            Instant firing = c.nextFireAt;
            boolean breach = !c.dueAt.isAfter(now) || c.warningsEmitted >= c.warningFractions.length
                    || !c.warningInstant(calendar, c.warningsEmitted).isBefore(c.dueAt);
            if (breach) {
                c.breached = true;
                outbox.append(new SlaBreached(c.key.ticketId(), now, c.key.clock(), c.dueAt, now,
                        Duration.between(c.dueAt, now).compareTo(LATE) > 0, ticket.priority, ticket.customerTier,
                        ticket.assigneeId, ticket.ticketNumber, ticket.category));
                metrics.breach(ticket.priority, ticket.customerTier, c.key.clock());
            } else {
                int level = ++c.warningsEmitted;
                outbox.append(new SlaWarning(c.key.ticketId(), now, c.key.clock(), level,
                        c.warningFractions[level - 1], c.dueAt, Math.max(0, Duration.between(now, c.dueAt).toSeconds()),
                        ticket.priority, ticket.customerTier, ticket.assigneeId, ticket.ticketNumber, ticket.category));
                metrics.warning(ticket.priority, ticket.customerTier, c.key.clock());
            }
            c.schedule(calendar);
            if (firing.equals(c.nextFireAt) && !breach) {
                break; // defensive: never spin on a timer that does not move
            }
        }
    }

    private void start(TicketCreated created, Instant now) {
        if (SlaTicket.findById(created.ticketId()) != null) {
            return;
        }
        SlaTicket ticket = new SlaTicket();
        ticket.ticketId = created.ticketId();
        ticket.version = created.version();
        ticket.priority = created.priority();
        ticket.customerTier = created.customerTier();
        ticket.ticketNumber = created.ticketNumber();
        ticket.category = created.category();
        ticket.status = TicketStatus.NEW;
        ticket.persist();
        for (SlaClock type : SlaClock.values()) {
            startClock(ticket, type, now);
        }
        wakeTimerAfterCommit();
    }

    private void startClock(SlaTicket ticket, SlaClock type, Instant now) {
        TicketClock existing = TicketClock.findById(new TicketClock.Key(ticket.ticketId, type));
        TicketClock c = existing != null ? existing : new TicketClock();
        c.key = new TicketClock.Key(ticket.ticketId, type);
        c.state = TicketClock.State.RUNNING;
        c.consumedMillis = 0;
        c.segmentStart = now;
        c.startedAt = now;
        c.warningsEmitted = 0;
        c.breached = false;
        c.calendar = null;
        applyPolicy(c, ticket, now);
        if (existing == null) {
            c.persist(); // only now: the policy lookup above would flush a half-filled row
        }
        scheduled(c, ticket);
    }

    private static void learnFrom(SlaTicket ticket, TicketEvent fact) {
        if (fact instanceof PriorityChanged changed) {
            ticket.learn(changed.ticketNumber(), changed.category());
        } else if (fact instanceof StatusChanged changed) {
            ticket.learn(changed.ticketNumber(), null);
        } else if (fact instanceof TicketResponded responded) {
            ticket.learn(responded.ticketNumber(), null);
        } else if (fact instanceof CustomerReplied replied) {
            ticket.learn(replied.ticketNumber(), null);
        }
    }

    private void statusChanged(SlaTicket ticket, TicketStatus from, TicketStatus to, Instant now) {
        ticket.status = to;
        if (to == TicketStatus.PENDING_CUSTOMER) {
            for (TicketClock c : clocks(ticket)) {
                if (c.state == TicketClock.State.RUNNING) {
                    c.pause(calendar(c.calendar), now);
                    scheduled(c, ticket);
                }
            }
            return;
        }
        if (to == TicketStatus.RESOLVED || to == TicketStatus.CLOSED) {
            for (TicketClock c : clocks(ticket)) {
                // Resolving ends the resolution clock; closing ends both.
                if (c.isOpen() && (c.key.clock() == SlaClock.RESOLUTION || to == TicketStatus.CLOSED)) {
                    stop(c, ticket, now);
                }
            }
        }
        if (from == TicketStatus.RESOLVED && to != TicketStatus.CLOSED) {
            startClock(ticket, SlaClock.RESOLUTION, now); // reopened: a fresh resolution clock
        }
        for (TicketClock c : clocks(ticket)) {
            if (c.state == TicketClock.State.PAUSED && to != TicketStatus.PENDING_CUSTOMER) {
                c.resume(calendar(c.calendar), now);
                scheduled(c, ticket);
            }
        }
    }

    private void stop(TicketClock c, SlaTicket ticket, Instant now) {
        BusinessCalendar calendar = calendar(c.calendar);
        Duration used = c.consumed(calendar, now);
        c.consumedMillis = used.toMillis();
        c.segmentStart = null;
        c.nextFireAt = null;
        if (c.breached) {
            c.state = TicketClock.State.BREACHED_STOPPED; // the breach was already reported
        } else {
            c.state = TicketClock.State.MET;
            outbox.append(new SlaMet(ticket.ticketId, now, c.key.clock(), c.dueAt, now, used.toSeconds(),
                    ticket.priority, ticket.customerTier));
        }
        metrics.stopped(ticket.priority, ticket.customerTier, c.key.clock(), !c.breached, used);
    }

    /** Takes the targets of the policy now in force, keeping the calendar time already used. */
    private void applyPolicy(TicketClock c, SlaTicket ticket, Instant now) {
        SlaPolicy policy = policies.current(ticket.priority, ticket.customerTier);
        BusinessCalendar previous = c.calendar == null ? null : calendar(c.calendar);
        if (c.state == TicketClock.State.RUNNING && previous != null) {
            c.consumedMillis = c.consumed(previous, now).toMillis();
            c.segmentStart = now;
        }
        c.policyVersion = policy.key.version();
        c.targetSeconds = c.key.clock() == SlaClock.FIRST_RESPONSE
                ? policy.firstResponseSeconds : policy.resolutionSeconds;
        c.warningFractions = policy.warningFractions.clone();
        c.calendar = policy.calendar;
        BusinessCalendar calendar = calendar(c.calendar);
        // Warnings whose fraction is already used up are not sent again after a recomputation.
        int passed = 0;
        while (passed < c.warningFractions.length
                && c.consumedMillis >= Math.round(c.targetSeconds * 1000 * c.warningFractions[passed])) {
            passed++;
        }
        c.warningsEmitted = Math.max(c.warningsEmitted, passed);
        c.schedule(calendar);
    }

    private void scheduled(TicketClock c, SlaTicket ticket) {
        outbox.append(new SlaScheduled(ticket.ticketId, ticket.version, clock.instant(), c.key.clock(), c.dueAt,
                c.state == TicketClock.State.PAUSED, ticket.priority, ticket.customerTier));
    }

    private List<TicketClock> clocks(SlaTicket ticket) {
        return TicketClock.find("key.ticketId", ticket.ticketId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    private java.util.Optional<TicketClock> clock(SlaTicket ticket, SlaClock type) {
        return java.util.Optional.ofNullable(TicketClock.findById(new TicketClock.Key(ticket.ticketId, type),
                LockModeType.PESSIMISTIC_WRITE));
    }

    BusinessCalendar calendar(String spec) {
        return calendars.computeIfAbsent(spec, text -> {
            try {
                return json.readValue(text, CalendarSpec.class).toCalendar();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored calendar is not a calendar spec", e);
            }
        });
    }

    private void wakeTimerAfterCommit() {
        timer.wakeAfterCommit(afterCommit);
    }
}
