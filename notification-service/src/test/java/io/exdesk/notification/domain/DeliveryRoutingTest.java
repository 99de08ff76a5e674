package io.exdesk.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerReplied;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which rules an event owes and whom their targets reach, without a database or an application. */
class DeliveryRoutingTest {

    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
    private static final UUID TICKET = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private final Map<Rule, List<Target>> targets = new EnumMap<>(Map.of(
            Rule.TICKET_ASSIGNED, targets("assignee:email", "assignee:chat"),
            Rule.SLA_WARNING, targets("assignee:email", "assignee:chat"),
            Rule.SLA_ESCALATION, targets("supervisor:email", "supervisor:chat"),
            Rule.SLA_BREACHED, targets("supervisor:email", "supervisor:chat", "ops:chat"),
            Rule.VIP_TICKET_CREATED, targets("vip-desk:chat"),
            Rule.SECRETS_REDACTED, targets("customer:email")));
    private final DeliveryRouting routing = new DeliveryRouting(targets::get, Map.of(
            "ops", new DeliveryRouting.ChatEndpoint("https://hooks.test/ops", ChatFormat.SIGNED, "en"),
            "vip-desk", new DeliveryRouting.ChatEndpoint(null, ChatFormat.SLACK, "zh-CN")), 2);
    private final Directory directory = new Directory();

    @Test
    void eachEventOwesItsRules() {
        assertThat(routing.rulesOf(assigned())).containsExactly(Rule.TICKET_ASSIGNED);
        assertThat(routing.rulesOf(breached())).containsExactly(Rule.SLA_BREACHED);
        assertThat(routing.rulesOf(created(CustomerTier.VIP, true)))
                .containsExactly(Rule.VIP_TICKET_CREATED, Rule.SECRETS_REDACTED);
        assertThat(routing.rulesOf(created(CustomerTier.STANDARD, false))).isEmpty();
        assertThat(routing.rulesOf(new CustomerReplied(UUID.randomUUID(), 2, Instant.now(), "EXD-1", false, true)))
                .as("a reply that exposed secrets warns the customer as a creation does").containsExactly(Rule.SECRETS_REDACTED);
        assertThat(routing.rulesOf(new CustomerReplied(UUID.randomUUID(), 2, Instant.now(), "EXD-1", true, false))).isEmpty();
    }

    @Test
    void supervisorsAreToldFromTheEscalationLevelOn() {
        assertThat(routing.rulesOf(warning(1))).containsExactly(Rule.SLA_WARNING);
        assertThat(routing.rulesOf(warning(2))).containsExactly(Rule.SLA_WARNING, Rule.SLA_ESCALATION);
        assertThat(routing.rulesOf(warning(3))).containsExactly(Rule.SLA_WARNING, Rule.SLA_ESCALATION);
        assertThat(new DeliveryRouting(targets::get, Map.of(), 3).rulesOf(warning(2))).containsExactly(Rule.SLA_WARNING);
    }

    @Test
    void anEscalatedWarningReachesTheAssigneeAndEverySupervisorOfTheTicketsTeam() {
        directory.agent("a-1", "red", false);
        directory.agent("s-1", "red", true);
        directory.agent("s-2", "red", true);
        directory.agent("s-blue", "blue", true);

        List<String> owed = route(List.of(Rule.SLA_WARNING, Rule.SLA_ESCALATION), ticket("a-1", "red"));

        assertThat(owed).containsExactly(
                "sla-warning agent:a-1 EMAIL a-1@agents.test", "sla-warning agent:a-1 CHAT https://chat.test/a-1",
                "sla-escalation agent:s-1 EMAIL s-1@agents.test", "sla-escalation agent:s-2 EMAIL s-2@agents.test",
                "sla-escalation agent:s-1 CHAT https://chat.test/s-1", "sla-escalation agent:s-2 CHAT https://chat.test/s-2");
    }

    @Test
    void aSupervisorWhoIsAlsoTheAssigneeGetsOneMessagePerChannel() {
        directory.agent("s-1", "red", true);

        List<String> owed = route(List.of(Rule.SLA_WARNING, Rule.SLA_ESCALATION), ticket("s-1", "red"));

        assertThat(owed).containsExactly("sla-warning agent:s-1 EMAIL s-1@agents.test",
                "sla-warning agent:s-1 CHAT https://chat.test/s-1");
    }

    @Test
    void withoutTheTicketsTeamTheAssigneesTeamInTheDirectoryDecides() {
        directory.agent("a-1", "red", false);
        directory.agent("s-1", "red", true);

        // A breach planned before the assignment that names the team.
        List<String> owed = route(List.of(Rule.SLA_BREACHED), ticket("a-1", null));

        assertThat(owed).containsExactly("sla-breached agent:s-1 EMAIL s-1@agents.test",
                "sla-breached agent:s-1 CHAT https://chat.test/s-1", "sla-breached channel:ops CHAT https://hooks.test/ops");
    }

    @Test
    void noSupervisorFoundIsOneVisibleProblemPerChannel() {
        List<DeliveryRouting.Owed> owed = routing.route(List.of(Rule.SLA_ESCALATION), ticket("a-unknown", null), directory);

        assertThat(owed).extracting(o -> o.recipient().key() + " " + o.channel())
                .containsExactly("supervisor-of:no-team EMAIL", "supervisor-of:no-team CHAT");
        assertThat(owed).allSatisfy(o -> assertThat(o.recipient().problem()).contains("no supervisor"));
    }

    @Test
    void aQueuedTicketTellsNoAssigneeAndAnUnknownAgentIsOwedWithoutAnAddress() {
        assertThat(route(List.of(Rule.SLA_WARNING), ticket(null, "red"))).isEmpty();
        assertThat(route(List.of(Rule.TICKET_ASSIGNED), ticket("a-new", "red")))
                .containsExactly("ticket-assigned agent:a-new EMAIL null", "ticket-assigned agent:a-new CHAT null");
    }

    @Test
    void anAgentWithoutAProfileIsAwaitedUnlessRemovedAndAProfileWithoutAnAddressIsAProblemOfItsOwn() {
        // Not in the directory yet, or known only from assignments: their profile is awaited, no problem yet.
        directory.learned("a-learned", "red");
        for (String agent : List.of("a-new", "a-learned")) {
            assertThat(routing.route(List.of(Rule.TICKET_ASSIGNED), ticket(agent, "red"), directory))
                    .allSatisfy(o -> {
                        assertThat(o.recipient().awaitedAgent()).isEqualTo(agent);
                        assertThat(o.recipient().problem()).isNull();
                    });
        }
        // Removed from the directory: nothing to wait for.
        directory.removed.add("a-gone");
        assertThat(routing.route(List.of(Rule.TICKET_ASSIGNED), ticket("a-gone", "red"), directory)).allSatisfy(o -> {
            assertThat(o.recipient().awaitedAgent()).isNull();
            assertThat(o.recipient().problem()).contains("a-gone was removed from the agent directory");
        });
        // Their profile came without a chat webhook: the chat is not awaited.
        directory.agent("a-mail-only", "red", false).chatUrl = null;
        directory.find(ContactKind.AGENT, "a-mail-only").orElseThrow().profileVersion = 1L;
        assertThat(routing.route(List.of(Rule.TICKET_ASSIGNED), ticket("a-mail-only", "red"), directory))
                .extracting(o -> o.channel() + " " + o.recipient().address() + " " + o.recipient().awaitedAgent())
                .containsExactly("EMAIL a-mail-only@agents.test null", "CHAT null null");
    }

    @Test
    void channelsAndTheCustomerAreReachedByTheirOwnAddresses() {
        NotifiedTicket ticket = ticket(null, null);
        ticket.customerId = "c-1";
        directory.customer("c-1");

        assertThat(route(List.of(Rule.VIP_TICKET_CREATED, Rule.SECRETS_REDACTED), ticket))
                .containsExactly("vip-ticket-created channel:vip-desk CHAT null",
                        "secrets-redacted customer:c-1 EMAIL c-1@customers.test");
        ticket.customerId = null;
        assertThat(route(List.of(Rule.SECRETS_REDACTED), ticket)).isEmpty();
    }

    private List<String> route(List<Rule> rules, NotifiedTicket ticket) {
        return routing.route(rules, ticket, directory).stream()
                .map(o -> o.rule().id() + " " + o.recipient().key() + " " + o.channel() + " " + o.recipient().address())
                .toList();
    }

    private static List<Target> targets(String... entries) {
        List<Target> parsed = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.split(":");
            parsed.add(new Target(parts[0], DeliveryChannel.valueOf(parts[1].toUpperCase())));
        }
        return parsed;
    }

    private static NotifiedTicket ticket(String assignee, String team) {
        NotifiedTicket ticket = new NotifiedTicket();
        ticket.ticketId = TICKET;
        ticket.assigneeId = assignee;
        ticket.team = team;
        ticket.language = "en";
        return ticket;
    }

    private static TicketAssigned assigned() {
        return new TicketAssigned(TICKET, AT, "EXD-1", "a-1", null, AssignmentReason.ROUTED, AgentTier.L1, "red",
                Priority.HIGH, Category.WITHDRAWAL, "en");
    }

    private static SlaWarning warning(int level) {
        return new SlaWarning(TICKET, AT, SlaClock.FIRST_RESPONSE, level, 0.5, AT.plusSeconds(600), 300, Priority.HIGH,
                CustomerTier.STANDARD, "a-1", "EXD-1", Category.WITHDRAWAL);
    }

    private static SlaBreached breached() {
        return new SlaBreached(TICKET, AT, SlaClock.FIRST_RESPONSE, AT, AT, false, Priority.HIGH, CustomerTier.STANDARD,
                "a-1", "EXD-1", Category.WITHDRAWAL);
    }

    private static TicketCreated created(CustomerTier tier, boolean secretsRedacted) {
        return new TicketCreated(TICKET, 1, AT, "EXD-1", Priority.URGENT, Category.SECURITY, Channel.CHAT, "en", "c-1",
                tier, "Account compromised", secretsRedacted, AT);
    }

    /** The contact directory in memory. */
    private static final class Directory implements DeliveryRouting.Contacts {

        private final List<Contact> contacts = new ArrayList<>();
        final java.util.Set<String> removed = new java.util.HashSet<>();

        Contact agent(String id, String team, boolean supervisor) {
            Contact contact = contact(ContactKind.AGENT, id, id + "@agents.test");
            contact.team = team;
            contact.supervisor = supervisor;
            contact.chatUrl = "https://chat.test/" + id;
            return contact;
        }

        /** An entry learned from an assignment: no profile, no addresses. */
        void learned(String id, String team) {
            contact(ContactKind.AGENT, id, null).team = team;
        }

        @Override
        public boolean removedAgent(String agentId) {
            return removed.contains(agentId);
        }

        void customer(String id) {
            contact(ContactKind.CUSTOMER, id, id + "@customers.test");
        }

        private Contact contact(ContactKind kind, String id, String email) {
            Contact contact = new Contact();
            contact.key = new ContactId(kind, id);
            contact.email = email;
            contacts.add(contact);
            return contact;
        }

        @Override
        public Optional<Contact> find(ContactKind kind, String id) {
            return contacts.stream().filter(c -> c.key.equals(new ContactId(kind, id))).findFirst();
        }

        @Override
        public List<Contact> supervisorsOf(String team) {
            return contacts.stream().filter(c -> c.key.kind == ContactKind.AGENT && c.supervisor && team.equals(c.team))
                    .sorted((a, b) -> a.key.id.compareTo(b.key.id)).toList();
        }
    }
}
