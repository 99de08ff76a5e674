package io.exdesk.routing.domain;

import io.exdesk.events.AgentTier;
import io.exdesk.events.CustomerTier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may take a ticket and who should, first: the routing rules on one agent and one ticket, with no
 * database, so they can be read and tested on their own.
 */
public final class RoutingRules {

    private RoutingRules() {
    }

    /** Of {@code agents}, the one who should take {@code ticket}, if any may. */
    public static Optional<Agent> best(Collection<Agent> agents, RoutedTicket ticket, boolean nextTierFirst) {
        return agents.stream().filter(agent -> mayTake(agent, ticket)).min(bestFirst(ticket, nextTierFirst));
    }

    /**
     * Agent {@code agent} may take {@code ticket}: online, under capacity, skilled in its category and
     * speaking its language.
     */
    public static boolean mayTake(Agent agent, RoutedTicket ticket) {
        return agent.status == AgentStatus.ONLINE && agent.hasRoom()
                && Arrays.asList(agent.skills).contains(ticket.category.name())
                && speaks(agent, ticket.language);
    }

    /**
     * Languages compare without case, and an agent's {@code zh} covers a {@code zh-CN} ticket while
     * {@code zh-CN} does not cover {@code zh-TW}. The agent's tags are stored lower-case.
     */
    public static boolean speaks(Agent agent, String language) {
        String tag = language.toLowerCase(Locale.ROOT);
        int dash = tag.indexOf('-');
        String primary = dash < 0 ? tag : tag.substring(0, dash);
        return Arrays.asList(agent.languages).contains(tag) || Arrays.asList(agent.languages).contains(primary);
    }

    /**
     * The order in which agents who may take {@code ticket} are offered it: a VIP ticket to a VIP-capable
     * agent first; on an escalation ({@code nextTierFirst}) the next tier up before the ones above it; then
     * the least loaded (open tickets over capacity), then the one idle longest (never assigned is longest),
     * then the id, so the choice never depends on the order the agents were read in.
     */
    public static Comparator<Agent> bestFirst(RoutedTicket ticket, boolean nextTierFirst) {
        boolean vip = ticket.customerTier == CustomerTier.VIP;
        Comparator<Agent> order = Comparator.comparing(agent -> vip && !agent.vipCapable);
        if (nextTierFirst) {
            order = order.thenComparingInt(agent -> rank(agent.tier));
        }
        return order.thenComparing(RoutingRules::byLoad)
                .thenComparing(agent -> agent.lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(agent -> agent.id);
    }

    /** A tier's rank, as the database's {@code agent.tier_rank}: L1 is 1, the one above it 2, and so on. */
    public static int rank(AgentTier tier) {
        return tier.ordinal() + 1;
    }

    /** Compares open/capacity exactly (cross-multiplied); an agent without capacity counts as full. */
    private static int byLoad(Agent a, Agent b) {
        if (a.capacity == 0 || b.capacity == 0) {
            return Boolean.compare(a.capacity == 0, b.capacity == 0);
        }
        return Long.compare((long) a.openTickets * b.capacity, (long) b.openTickets * a.capacity);
    }
}
