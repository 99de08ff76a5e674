package io.exdesk.routing.service;

import io.exdesk.routing.Agent;
import io.exdesk.routing.RoutedTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The routing rules as queries: who may take a ticket, who should, and which queued ticket comes next.
 * Callers hold the {@link RoutingLock}, so what a query finds is still true when they act on it.
 */
@ApplicationScoped
public class AgentSelector {

    /**
     * Agent {@code a} may take ticket {@code t}: online, under capacity, skilled in its category and
     * speaking its language (an agent's {@code zh} covers a {@code zh-CN} ticket; {@code zh-CN} does not
     * cover {@code zh-TW}).
     */
    private static final String ELIGIBLE = """
            a.status = 'ONLINE' AND a.open_tickets < a.capacity
            AND t.category = ANY (a.skills)
            AND (lower(t.language) = ANY (a.languages) OR split_part(lower(t.language), '-', 1) = ANY (a.languages))""";

    /** VIP tickets to VIP-capable agents first; then least loaded, then idle longest. */
    private static final String BEST_FIRST = """
            (t.customer_tier = 'VIP' AND NOT a.vip_capable),
            CASE WHEN :nextTierFirst THEN a.tier_rank ELSE 0 END,
            a.open_tickets::float8 / a.capacity,
            a.last_assigned_at NULLS FIRST,
            a.id""";

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
        return pick(ticket, holder.id, holder.tier.ordinal() + 1, true);
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
     * The ticket's attributes come in as parameters (as {@code t}, so {@link #ELIGIBLE} reads the same here as
     * in {@link #nextAssignable}), so a ticket being routed need not be written first; the agent comes back
     * as an entity, in one round trip.
     */
    private Optional<Agent> pick(RoutedTicket ticket, String excluded, int aboveRank, boolean nextTierFirst) {
        flush();
        @SuppressWarnings("unchecked")
        List<Agent> agents = em.createNativeQuery("""
                SELECT a.* FROM agent a,
                     (VALUES (CAST(:category AS text), CAST(:language AS text), CAST(:customerTier AS text)))
                         AS t (category, language, customer_tier)
                WHERE %s AND a.id <> :excluded AND a.tier_rank > :aboveRank
                ORDER BY %s LIMIT 1""".formatted(ELIGIBLE, BEST_FIRST), Agent.class)
                .setParameter("category", ticket.category.name())
                .setParameter("language", ticket.language)
                .setParameter("customerTier", ticket.customerTier.name())
                .setParameter("excluded", excluded == null ? "" : excluded)
                .setParameter("aboveRank", aboveRank)
                .setParameter("nextTierFirst", nextTierFirst)
                .getResultList();
        return agents.stream().findFirst();
    }

    /** The queries read the tables, so the session's pending changes must be there first. */
    private void flush() {
        em.flush();
    }
}
