package io.exdesk.routing.service;

import io.exdesk.routing.domain.Agent;
import io.exdesk.routing.domain.RoutedTicket;
import io.exdesk.routing.domain.RoutingRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds agents for tickets and tickets for agents. Who may take a ticket and who comes first is
 * {@link RoutingRules}; the queries only read the candidates (and, for the queue, repeat the eligibility
 * in SQL so it can be asked of every queued ticket at once). Callers hold the {@link RoutingLock}, so
 * what a query finds is still true when they act on it.
 */
@ApplicationScoped
public class AgentSelector {

    /**
     * {@link RoutingRules#mayTake} in SQL, for {@link #nextAssignable}: agent {@code a} may take ticket {@code t}.
     * The two must agree: a ticket this finds is handed to {@link #best}, which must find its agent.
     */
    private static final String ELIGIBLE = """
            a.status = 'ONLINE' AND a.open_tickets < a.capacity
            AND t.category = ANY (a.skills)
            AND (lower(t.language) = ANY (a.languages) OR split_part(lower(t.language), '-', 1) = ANY (a.languages))""";

    private final EntityManager em;

    public AgentSelector(EntityManager em) {
        this.em = em;
    }

    /** The best eligible agent for a ticket, never {@code excluded}. */
    public Optional<Agent> best(RoutedTicket ticket, String excluded) {
        return pick(ticket, excluded, 0, false);
    }

    /** The best eligible agent of a higher tier than {@code holder}, the next tier up first. */
    public Optional<Agent> higherTier(RoutedTicket ticket, Agent holder) {
        return pick(ticket, holder.id, RoutingRules.rank(holder.tier), true);
    }

    /**
     * A supervisor with room who is not offline, for an escalation no eligible agent can take: the holder's
     * team first, then one who speaks the ticket's language, then the least loaded.
     */
    public Optional<Agent> supervisor(RoutedTicket ticket, String team, String excluded) {
        flush();
        @SuppressWarnings("unchecked")
        List<Agent> supervisors = em.createNativeQuery("""
                SELECT a.* FROM agent a
                WHERE a.tier = 'SUPERVISOR' AND a.status <> 'OFFLINE' AND a.open_tickets < a.capacity
                  AND a.id <> :excluded
                ORDER BY (:team <> '' AND coalesce(a.team, '') = :team) DESC,
                         (:language = ANY (a.languages) OR split_part(:language, '-', 1) = ANY (a.languages)) DESC,
                         a.open_tickets::float8 / a.capacity, a.last_assigned_at NULLS FIRST, a.id
                LIMIT 1""", Agent.class)
                .setParameter("language", ticket.language.toLowerCase(Locale.ROOT))
                .setParameter("excluded", excluded == null ? "" : excluded)
                .setParameter("team", team == null ? "" : team)
                .getResultList();
        return supervisors.stream().findFirst();
    }

    /** The queued ticket that comes first (priority, then age) among those some agent can take now. */
    public Optional<RoutedTicket> nextAssignable() {
        flush();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                SELECT t.ticket_id FROM routed_ticket t
                WHERE t.state = 'QUEUED' AND EXISTS (SELECT 1 FROM agent a WHERE %s)
                ORDER BY t.priority_rank, t.created_at, t.ticket_id
                LIMIT 1""".formatted(ELIGIBLE), UUID.class).getResultList();
        return ids.stream().findFirst().map(id -> RoutedTicket.findById(id));
    }

    /**
     * Reads only agents who are online, have room and know the category, so offline and full agents are
     * never loaded; {@link RoutingRules} then decides on those, checking every rule again.
     */
    private Optional<Agent> pick(RoutedTicket ticket, String excluded, int aboveRank, boolean nextTierFirst) {
        flush();
        @SuppressWarnings("unchecked")
        List<Agent> candidates = em.createNativeQuery("""
                SELECT a.* FROM agent a
                WHERE a.status = 'ONLINE' AND a.open_tickets < a.capacity AND CAST(:category AS text) = ANY (a.skills)
                  AND a.id <> :excluded AND a.tier_rank > :aboveRank""", Agent.class)
                .setParameter("category", ticket.category.name())
                .setParameter("excluded", excluded == null ? "" : excluded)
                .setParameter("aboveRank", aboveRank)
                .getResultList();
        return RoutingRules.best(candidates, ticket, nextTierFirst);
    }

    /** The queries read the tables, so the session's pending changes must be there first. */
    private void flush() {
        em.flush();
    }
}
