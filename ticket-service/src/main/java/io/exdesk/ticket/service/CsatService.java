package io.exdesk.ticket.service;

import io.exdesk.events.CsatSubmitted;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.outbox.OutboxWriter;
import io.exdesk.platform.problem.ProblemException;
import io.exdesk.platform.security.Caller;
import io.exdesk.platform.transaction.AfterCommit;
import io.exdesk.ticket.domain.Ticket;
import io.exdesk.ticket.domain.TicketCsat;
import io.exdesk.ticket.domain.TicketHistory;
import io.exdesk.ticket.domain.intake.Redaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Customer satisfaction (CSAT): the platform submits the customer's rating of a resolved or closed ticket, once;
 * the rating is stored with the ticket's classification and assignee tier, audited, published as
 * {@code csat-submitted} through the outbox in the same transaction, and counted in {@code csat_rating} once
 * committed. The comment is customer text: redacted like a reply, and erased with the ticket.
 */
@ApplicationScoped
public class CsatService {

    /** Ratings at or below this are the low ones a supervisor follows up. */
    public static final int LOW_RATING = 2;

    private final TicketService tickets;
    private final TicketIntake intake;
    private final TicketMetrics ticketMetrics;
    private final CsatMetrics metrics;
    private final OutboxWriter outbox;
    private final AfterCommit afterCommit;
    private final EntityManager em;
    private final Clock clock;

    public CsatService(TicketService tickets, TicketIntake intake, TicketMetrics ticketMetrics, CsatMetrics metrics,
                       OutboxWriter outbox, AfterCommit afterCommit, EntityManager em, Clock clock) {
        this.tickets = tickets;
        this.intake = intake;
        this.ticketMetrics = ticketMetrics;
        this.metrics = metrics;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.em = em;
        this.clock = clock;
    }

    /** What a submission did: {@code created} false when the same rating and comment were already stored. */
    public record Submitted(CsatRating rating, boolean created) {
    }

    /** Where a ticket's rating is read; also what tells its stored Idempotency-Key responses apart. */
    public static String location(UUID ticketId) {
        return "/api/v1/tickets/" + ticketId + "/csat";
    }

    /**
     * Stores the rating of a ticket the caller may see. Only a RESOLVED or CLOSED ticket not erased takes one
     * (409 otherwise), and only one: submitting the same rating and comment again changes nothing and answers
     * with the stored one, anything else is 409.
     *
     * @param comment null or blank for none; the caller has checked its length
     */
    @Transactional
    public Submitted submit(UUID ticketId, int rating, String comment, Caller caller) {
        Ticket t = tickets.visible(ticketId, caller, true);
        if (t.erasedAt != null) {
            throw ProblemException.conflict("Ticket " + t.number + " was erased");
        }
        if (t.status != TicketStatus.RESOLVED && t.status != TicketStatus.CLOSED) {
            throw new ProblemException(409, "csat-not-resolved", "Ticket not resolved", "Ticket " + t.number
                    + " is " + t.status + "; a rating is accepted once it is RESOLVED or CLOSED");
        }
        Redaction clean = comment == null || comment.isBlank() ? null : intake.redactCustomerReply(comment.strip());
        String text = clean == null ? null : clean.text();
        TicketCsat existing = TicketCsat.findById(ticketId);
        if (existing != null) {
            if (existing.rating == rating && Objects.equals(existing.comment, text)) {
                return new Submitted(CsatRating.of(existing, t.number), false);
            }
            throw new ProblemException(409, "csat-already-submitted", "Already rated", "Ticket " + t.number
                    + " was rated " + existing.rating + " at " + existing.submittedAt + "; a ticket is rated once");
        }
        Instant now = clock.instant();
        TicketCsat csat = new TicketCsat();
        csat.ticketId = t.id;
        csat.rating = rating;
        csat.comment = text;
        csat.secretsRedacted = clean != null && clean.redacted();
        csat.category = t.category;
        csat.priority = t.priority;
        csat.customerTier = t.customerTier;
        csat.agentId = t.assigneeId;
        csat.agentTier = t.assigneeId == null ? null : t.assigneeTier;
        csat.submittedBy = caller.id();
        csat.submittedAt = now;
        csat.persist();
        if (csat.secretsRedacted) {
            // The customer exposed a secret: the ticket is flagged (the scam warning is owed) and it is counted,
            // as for a reply. Its classification stays: a resolved ticket has no clock left to hurry.
            t.secretsRedacted = true;
            ticketMetrics.secretsRedacted();
        }
        t.touch(now);
        TicketHistory.of(t, "CSAT_SUBMITTED", caller.id(), "rating", null, rating, now).persist();
        outbox.append(new CsatSubmitted(t.id, t.version, now, t.number, rating, text != null, csat.secretsRedacted,
                csat.category, csat.priority, csat.customerTier, csat.agentId, csat.agentTier));
        afterCommit.run(() -> metrics.rated(csat));
        return new Submitted(CsatRating.of(csat, t.number), true);
    }

    /** The rating of a ticket the caller may see; 404 when there is none. */
    @Transactional
    public CsatRating get(UUID ticketId, Caller caller) {
        Ticket t = tickets.visible(ticketId, caller, false);
        TicketCsat csat = TicketCsat.findById(ticketId);
        if (csat == null) {
            throw ProblemException.notFound("CSAT rating of ticket", t.number);
        }
        return CsatRating.of(csat, t.number);
    }

    /** Ratings submitted in [from, to): count, average, distribution, and the latest {@code lowLimit} low ones. */
    @Transactional
    public CsatReport report(Instant from, Instant to, int lowLimit) {
        Map<Integer, Long> ratings = new LinkedHashMap<>();
        for (int r = CsatSubmitted.MIN_RATING; r <= CsatSubmitted.MAX_RATING; r++) {
            ratings.put(r, 0L);
        }
        List<Object[]> counts = em.createQuery("select c.rating, count(c) from TicketCsat c "
                        + "where c.submittedAt >= :from and c.submittedAt < :to group by c.rating", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList();
        long count = 0;
        long sum = 0;
        for (Object[] row : counts) {
            int rating = ((Number) row[0]).intValue();
            long n = ((Number) row[1]).longValue();
            ratings.put(rating, n);
            count += n;
            sum += rating * n;
        }
        List<CsatReport.LowRating> low = new ArrayList<>();
        if (lowLimit > 0) {
            List<Object[]> rows = em.createQuery("select c, t.number from TicketCsat c, Ticket t where t.id = c.ticketId "
                            + "and c.rating <= :low and c.submittedAt >= :from and c.submittedAt < :to "
                            + "order by c.submittedAt desc, c.ticketId desc", Object[].class)
                    .setParameter("low", LOW_RATING).setParameter("from", from).setParameter("to", to)
                    .setMaxResults(lowLimit).getResultList();
            for (Object[] row : rows) {
                TicketCsat c = (TicketCsat) row[0];
                low.add(new CsatReport.LowRating(c.ticketId, (String) row[1], c.rating, c.comment, c.category,
                        c.priority, c.agentId, c.agentTier, c.submittedAt));
            }
        }
        return new CsatReport(from, to, count, count == 0 ? null : (double) sum / count, ratings, low);
    }

    /**
     * Erasure and retention: the comments of these tickets' ratings are erased (the ratings stay, being nobody's
     * words); returns the responses a retry of their submission replays from now on.
     */
    static List<Outcome> eraseComments(List<Ticket> erased) {
        if (erased.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> numbers = new LinkedHashMap<>();
        erased.forEach(t -> numbers.put(t.id, t.number));
        List<Outcome> responses = new ArrayList<>();
        for (TicketCsat csat : TicketCsat.<TicketCsat>list("ticketId in ?1", numbers.keySet())) {
            if (csat.comment != null) {
                csat.comment = CustomerErasures.ERASED;
            }
            responses.add(new Outcome(201, location(csat.ticketId), CsatRating.of(csat, numbers.get(csat.ticketId))));
        }
        return responses;
    }
}
