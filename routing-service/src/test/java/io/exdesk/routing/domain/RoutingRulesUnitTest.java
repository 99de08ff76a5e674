package io.exdesk.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The routing rules as plain Java, no application and no database: who may take a ticket and who is
 * offered it first. {@code RoutingRulesTest} checks the same rules through the broker and the database.
 */
class RoutingRulesUnitTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private final RoutedTicket deposit = ticket(Category.DEPOSIT, "en", CustomerTier.STANDARD);

    @Test
    void anAgentMayTakeATicketOnlyOnlineWithRoomSkilledAndSpeakingItsLanguage() {
        assertThat(RoutingRules.mayTake(agent("ok").get(), deposit)).isTrue();
        assertThat(RoutingRules.mayTake(agent("away").status(AgentStatus.AWAY).get(), deposit)).isFalse();
        assertThat(RoutingRules.mayTake(agent("offline").status(AgentStatus.OFFLINE).get(), deposit)).isFalse();
        assertThat(RoutingRules.mayTake(agent("full").load(3, 3).get(), deposit)).isFalse();
        assertThat(RoutingRules.mayTake(agent("no-capacity").load(0, 0).get(), deposit)).isFalse();
        assertThat(RoutingRules.mayTake(agent("one-left").load(2, 3).get(), deposit)).isTrue();
        assertThat(RoutingRules.mayTake(agent("kyc-only").skills(Category.KYC).get(), deposit)).isFalse();
        assertThat(RoutingRules.mayTake(agent("german").languages("de").get(), deposit)).isFalse();
    }

    @Test
    void languagesCompareWithoutCaseAndAPrimaryTagCoversItsRegions() {
        Agent chinese = agent("zh").languages("zh").get();
        Agent mainland = agent("zh-cn").languages("zh-cn").get();
        assertThat(RoutingRules.speaks(chinese, "zh-CN")).isTrue();
        assertThat(RoutingRules.speaks(chinese, "ZH")).isTrue();
        assertThat(RoutingRules.speaks(mainland, "zh-CN")).isTrue();
        assertThat(RoutingRules.speaks(mainland, "zh-TW")).isFalse();
        assertThat(RoutingRules.speaks(mainland, "zh")).isFalse();
        assertThat(RoutingRules.speaks(chinese, "en")).isFalse();
    }

    @Test
    void aVipTicketGoesToAVipCapableAgentFirstEvenAMoreLoadedOne() {
        RoutedTicket vip = ticket(Category.DEPOSIT, "en", CustomerTier.VIP);
        Agent standard = agent("a-standard").get();
        Agent vipCapable = agent("b-vip").vip().load(2, 3).get();

        assertThat(best(vip, standard, vipCapable)).containsSame(vipCapable);
        // A standard ticket ignores the flag: the least loaded wins.
        assertThat(best(deposit, standard, vipCapable)).containsSame(standard);
        // With no VIP-capable agent who may take it, a VIP ticket still goes to one who may.
        Agent vipButFull = agent("c-vip").vip().load(3, 3).get();
        assertThat(best(vip, standard, vipButFull)).containsSame(standard);
    }

    @Test
    void theLeastLoadedByShareOfCapacityComesFirst() {
        // Load before idle time: a was never assigned, yet b, less loaded, comes first.
        Agent halfOfTwo = agent("a").load(1, 2).get();
        Agent quarterOfFour = agent("b").load(1, 4).assignedAt(T0).get();
        Agent twoOfEight = agent("c").load(2, 8).assignedAt(T0.minusSeconds(60)).get();
        assertThat(best(deposit, halfOfTwo, quarterOfFour)).containsSame(quarterOfFour);
        // 1/4 and 2/8 are the same load: the one idle longer (c) comes first, though b has fewer tickets.
        assertThat(best(deposit, halfOfTwo, quarterOfFour, twoOfEight)).containsSame(twoOfEight);
    }

    @Test
    void atEqualLoadTheLongestIdleComesFirstAndNeverAssignedIsLongest() {
        Agent recent = agent("a").assignedAt(T0).get();
        Agent earlier = agent("b").assignedAt(T0.minusSeconds(600)).get();
        Agent never = agent("c").get();
        assertThat(best(deposit, recent, earlier)).containsSame(earlier);
        assertThat(best(deposit, recent, earlier, never)).containsSame(never);
    }

    @Test
    void aCompleteTieGoesToTheLowestIdWhateverTheOrderTheAgentsComeIn() {
        Agent b = agent("b").get();
        Agent a = agent("a").get();
        Agent c = agent("c").get();
        assertThat(best(deposit, b, a, c)).containsSame(a);
        assertThat(best(deposit, c, b, a)).containsSame(a);
        assertThat(RoutingRules.best(List.of(c, b, a), deposit, false)).containsSame(a);
    }

    @Test
    void anEscalationOffersTheNextTierUpBeforeTheOnesAbove() {
        Agent l2Busy = agent("a-l2").tier(AgentTier.L2).load(2, 3).get();
        Agent supervisorIdle = agent("b-sup").tier(AgentTier.SUPERVISOR).get();
        assertThat(RoutingRules.best(List.of(supervisorIdle, l2Busy), deposit, true)).containsSame(l2Busy);
        // Routing within a tier does not look at tiers: the least loaded.
        assertThat(RoutingRules.best(List.of(supervisorIdle, l2Busy), deposit, false)).containsSame(supervisorIdle);
        assertThat(RoutingRules.rank(AgentTier.L1)).isEqualTo(1);
        assertThat(RoutingRules.rank(AgentTier.L2)).isEqualTo(2);
        assertThat(RoutingRules.rank(AgentTier.SUPERVISOR)).isEqualTo(3);
    }

    @Test
    void nobodyWhoMayTakeTheTicketMeansNoChoice() {
        assertThat(best(deposit, agent("away").status(AgentStatus.AWAY).get(), agent("full").load(3, 3).get()))
                .isEmpty();
        assertThat(best(deposit)).isEmpty();
    }

    private static Optional<Agent> best(RoutedTicket ticket, Agent... agents) {
        return RoutingRules.best(List.of(agents), ticket, false);
    }

    private static RoutedTicket ticket(Category category, String language, CustomerTier tier) {
        RoutedTicket ticket = new RoutedTicket();
        ticket.category = category;
        ticket.language = language;
        ticket.customerTier = tier;
        ticket.setPriority(Priority.NORMAL);
        return ticket;
    }

    /** An online L1 agent for deposits in English, 0 of 3 open, never assigned; change what a test needs. */
    private static AgentBuilder agent(String id) {
        return new AgentBuilder(id);
    }

    private static final class AgentBuilder {
        private final Agent agent = new Agent();

        AgentBuilder(String id) {
            agent.id = id;
            agent.tier = AgentTier.L1;
            agent.status = AgentStatus.ONLINE;
            agent.skills = new String[] {Category.DEPOSIT.name(), Category.GENERAL.name()};
            agent.languages = new String[] {"en"};
            agent.capacity = 3;
        }

        AgentBuilder status(AgentStatus status) {
            agent.status = status;
            return this;
        }

        AgentBuilder load(int open, int capacity) {
            agent.openTickets = open;
            agent.capacity = capacity;
            return this;
        }

        AgentBuilder skills(Category... skills) {
            agent.skills = java.util.Arrays.stream(skills).map(Category::name).toArray(String[]::new);
            return this;
        }

        AgentBuilder languages(String... languages) {
            agent.languages = languages;
            return this;
        }

        AgentBuilder vip() {
            agent.vipCapable = true;
            return this;
        }

        AgentBuilder tier(AgentTier tier) {
            agent.tier = tier;
            return this;
        }

        AgentBuilder assignedAt(Instant at) {
            agent.lastAssignedAt = at;
            return this;
        }

        Agent get() {
            return agent;
        }
    }
}
