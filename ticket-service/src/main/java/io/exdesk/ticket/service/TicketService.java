package io.exdesk.ticket.service;

import io.exdesk.events.Category;
import io.exdesk.events.CustomerReplied;
import io.exdesk.events.Priority;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketResponded;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.http.IfMatch;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.security.Roles;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.TicketHistory;
import io.exdesk.ticket.domain.TicketLifecycle;
import io.exdesk.ticket.domain.TicketMessage;
import io.exdesk.ticket.domain.TicketSla;
import io.exdesk.ticket.domain.intake.Redaction;
import io.exdesk.ticket.domain.intake.TriageResult;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The use cases of tickets. Each runs in one transaction that changes the ticket, appends to its
 * audit trail and writes the resulting events to the outbox, so state and events never diverge.
 */
@ApplicationScoped
public class TicketService {

    /** The actor of changes the service makes by its own rules ({@code changedBy} of their events). */
    static final String SYSTEM = "system";

    private final OutboxWriter outbox;
    private final EmailReplies emailReplies;
    private final TicketIntake intake;
    private final TicketMetrics metrics;
    private final EntityManager em;
    private final Clock clock;

    public TicketService(OutboxWriter outbox, EmailReplies emailReplies, TicketIntake intake, TicketMetrics metrics,
                         EntityManager em, Clock clock) {
        this.outbox = outbox;
        this.emailReplies = emailReplies;
        this.intake = intake;
        this.metrics = metrics;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public TicketDetails get(UUID id, Caller caller) {
        return details(visible(id, caller, false));
    }

    /** Tickets the caller may see, newest first, after {@code after} (null: from the newest). */
    @Transactional
    public List<TicketDetails> list(TicketFilter filter, TicketPosition after, int limit, Caller caller) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!caller.seesAll()) {
            if (caller.hasRole(Roles.PLATFORM)) {
                query.append(" and createdBy = :caller");
            } else {
                query.append(" and assigneeId = :caller");
            }
            params.and("caller", caller.id());
        }
        if (filter.status() != null) {
            query.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.priority() != null) {
            query.append(" and priority = :priority");
            params.and("priority", filter.priority());
        }
        if (filter.category() != null) {
            query.append(" and category = :category");
            params.and("category", filter.category());
        }
        if (filter.assigneeId() != null) {
            query.append(" and assigneeId = :assignee");
            params.and("assignee", filter.assigneeId());
        }
        if (filter.customerId() != null) {
            query.append(" and customerId = :customer");
            params.and("customer", filter.customerId());
        }
        if (filter.createdFrom() != null) {
            query.append(" and createdAt >= :from");
            params.and("from", filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            query.append(" and createdAt < :to");
            params.and("to", filter.createdTo());
        }
        if (after != null) {
            query.append(" and (createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))");
            params.and("cursorAt", after.createdAt()).and("cursorId", after.id());
        }
        return Ticket.<Ticket>find(query.toString(), Sort.descending("createdAt", "id"), params)
                .page(0, limit).stream().map(TicketService::details).toList();
    }

    /** Applies the fields present: priority, then status, each its own version and event. */
    @Transactional
    public TicketDetails change(ChangeTicket change, Caller caller) {
        Priority priority = change.priority();
        TicketStatus status = change.status();
        if (priority == null && status == null) {
            throw ProblemException.invalid("body", "names nothing to change: give priority and/or status");
        }
        Ticket t = visible(change.id(), caller, true);
        IfMatch.require(change.ifMatch(), t.etag(), "Ticket " + t.number);
        Instant now = clock.instant();
        if (priority != null && priority != t.priority) {
            Priority previous = t.priority;
            t.priority = priority;
            t.priorityTriaged = false;
            t.touch(now);
            TicketHistory.of(t, "PRIORITY_CHANGED", caller.id(), "priority", previous, priority, now).persist();
            outbox.append(new PriorityChanged(t.id, t.version, now, t.number, previous, priority, t.category,
                    t.customerTier, caller.id()));
        }
        if (status != null && status != t.status) {
            if (!TicketLifecycle.canMove(t.status, status)) {
                throw ProblemException.conflict("A " + t.status + " ticket cannot move to " + status
                        + "; allowed: " + TicketLifecycle.next(t.status));
            }
            changeStatus(t, status, caller.id(), now);
        }
        return details(t);
    }

    @Transactional
    public TicketMessage agentReply(UUID id, String body, Caller caller) {
        Ticket t = visible(id, caller, true);
        requireOpen(t);
        Instant now = clock.instant();
        TicketMessage message = message(t, TicketMessage.AuthorType.AGENT, caller.id(), intake.redact(body), now);
        boolean first = t.firstRespondedAt == null;
        if (first) {
            t.firstRespondedAt = now;
        }
        t.touch(now);
        TicketHistory.of(t, "AGENT_REPLIED", caller.id(), null, null, null, now).persist();
        outbox.append(new TicketResponded(t.id, t.version, now, t.number, caller.id(), first));
        if (EmailReplies.answeredByEmail(t)) {
            emailReplies.owe(t, message, now);
        }
        return message;
    }

    /**
     * A customer reply resumes a ticket waiting on the customer and reopens a resolved one. A secret in
     * it is redacted, and the ticket is flagged and raised to at least SECURITY/HIGH exactly as at
     * intake ({@link #exposedSecrets}), whoever classified the ticket before.
     */
    @Transactional
    public TicketMessage customerReply(UUID id, String body, Caller caller) {
        Ticket t = visible(id, caller, true);
        requireOpen(t);
        Instant now = clock.instant();
        Redaction clean = intake.redactCustomerReply(body);
        TicketMessage message = message(t, TicketMessage.AuthorType.CUSTOMER, caller.id(), clean.text(), now);
        if (clean.redacted()) {
            exposedSecrets(t, now);
        }
        boolean reopened = t.status == TicketStatus.RESOLVED;
        t.touch(now);
        TicketHistory.of(t, "CUSTOMER_REPLIED", caller.id(), null, null, null, now).persist();
        outbox.append(new CustomerReplied(t.id, t.version, now, t.number, reopened, clean.redacted()));
        if (reopened || t.status == TicketStatus.PENDING_CUSTOMER) {
            changeStatus(t, TicketStatus.IN_PROGRESS, caller.id(), now);
        }
        return message;
    }

    /**
     * The exposed-secrets rule applied to an open ticket: flagged, and at least SECURITY/HIGH. Each change is
     * the system's, in the audit trail; a raised priority is a {@code priority-changed} (which carries the
     * category), so SLA clocks and routing follow. A category change alone has no event of its own: no
     * consumer acts on the category after creation.
     */
    private void exposedSecrets(Ticket t, Instant now) {
        t.secretsRedacted = true;
        metrics.secretsRedacted();
        TriageResult floor = intake.exposedSecrets(t.category, t.priority);
        if (floor.category() != t.category) {
            Category previous = t.category;
            t.category = floor.category();
            t.categoryTriaged = true;
            t.touch(now);
            TicketHistory.of(t, "CATEGORY_CHANGED", SYSTEM, "category", previous, t.category, now).persist();
        }
        if (floor.priority() != t.priority) {
            Priority previous = t.priority;
            t.priority = floor.priority();
            t.priorityTriaged = true;
            t.touch(now);
            TicketHistory.of(t, "PRIORITY_CHANGED", SYSTEM, "priority", previous, t.priority, now).persist();
            outbox.append(new PriorityChanged(t.id, t.version, now, t.number, previous, t.priority, t.category,
                    t.customerTier, SYSTEM));
        }
    }

    @Transactional
    public List<TicketHistory> history(UUID id, Caller caller) {
        visible(id, caller, false);
        return TicketHistory.list("ticketId", Sort.ascending("id"), id);
    }

    @Transactional
    public List<TicketMessage> messages(UUID id, Caller caller) {
        visible(id, caller, false);
        return TicketMessage.list("ticketId", Sort.ascending("createdAt", "id"), id);
    }

    void changeStatus(Ticket t, TicketStatus status, String actor, Instant now) {
        TicketStatus previous = t.status;
        t.status = status;
        if (status == TicketStatus.RESOLVED) {
            t.resolvedAt = now;
        } else if (previous == TicketStatus.RESOLVED) {
            t.resolvedAt = null;
        }
        if (status == TicketStatus.CLOSED) {
            t.closedAt = now;
        }
        t.touch(now);
        TicketHistory.of(t, "STATUS_CHANGED", actor, "status", previous, status, now).persist();
        outbox.append(new StatusChanged(t.id, t.version, now, t.number, previous, status, t.priority,
                t.customerTier, actor));
    }

    /** The ticket, if the caller may see it; otherwise 404, so existence does not leak. */
    Ticket visible(UUID id, Caller caller, boolean forUpdate) {
        Ticket t = forUpdate ? Ticket.findById(id, LockModeType.PESSIMISTIC_WRITE) : Ticket.findById(id);
        if (t == null || !canSee(t, caller)) {
            throw ProblemException.notFound("Ticket", id);
        }
        return t;
    }

    static boolean canSee(Ticket t, Caller caller) {
        return caller.seesAll()
                || caller.hasRole(Roles.PLATFORM) && caller.id().equals(t.createdBy)
                || caller.hasRole(Roles.AGENT) && caller.id().equals(t.assigneeId);
    }

    private static TicketDetails details(Ticket ticket) {
        return new TicketDetails(ticket, TicketSla.list("key.ticketId", ticket.id));
    }

    private static void requireOpen(Ticket t) {
        if (t.status == TicketStatus.CLOSED) {
            throw ProblemException.conflict("Ticket " + t.number + " is closed; open a new ticket instead");
        }
        if (t.erasedAt != null) {
            throw ProblemException.conflict("Ticket " + t.number + " was erased");
        }
    }

    /** A message whose body is already redacted. */
    private TicketMessage message(Ticket t, TicketMessage.AuthorType type, String author, String body, Instant now) {
        TicketMessage message = new TicketMessage();
        message.id = UUID.randomUUID();
        message.ticketId = t.id;
        message.authorType = type;
        message.authorId = author;
        message.body = body;
        message.createdAt = now;
        message.persist();
        return message;
    }
}
