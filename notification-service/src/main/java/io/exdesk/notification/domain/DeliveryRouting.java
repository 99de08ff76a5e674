package io.exdesk.notification.domain;

import io.exdesk.events.CustomerReplied;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which rules an event owes and whom they reach: each rule's targets resolved to recipients (the
 * assignee, the team's supervisors, the customer, a named chat channel), at most one delivery per
 * (recipient, channel) and event. Pure: what the contact directory knows is handed in.
 */
public final class DeliveryRouting {

    /** What the routing reads from the contact directory. */
    public interface Contacts {
        Optional<Contact> find(ContactKind kind, String id);

        /** The supervisors of a team, in a stable order. */
        List<Contact> supervisorsOf(String team);

        /** Whether routing-service's directory removed this agent (and has not registered them anew since). */
        default boolean removedAgent(String agentId) {
            return false;
        }
    }

    /** A named chat channel: its webhook URL (null when not configured), format and language. */
    public record ChatEndpoint(String url, ChatFormat format, String language) {
    }

    /**
     * Where one delivery goes, or why it cannot go anywhere ({@code problem}). {@code awaitedAgent}: the agent
     * whose profile has not reached the directory yet (an assignment read before the profile of a just-registered
     * agent), so the address is not known yet rather than missing; null otherwise.
     */
    public record Recipient(String key, String address, ChatFormat chatFormat, String language, String problem,
                            String awaitedAgent) {

        Recipient(String key, String address, ChatFormat chatFormat, String language, String problem) {
            this(key, address, chatFormat, language, problem, null);
        }
    }

    /** One owed delivery. */
    public record Owed(Rule rule, DeliveryChannel channel, Recipient recipient) {
    }

    private final Function<Rule, List<Target>> targets;
    private final Map<String, ChatEndpoint> channels;
    private final int escalationLevel;

    public DeliveryRouting(Function<Rule, List<Target>> targets, Map<String, ChatEndpoint> channels, int escalationLevel) {
        this.targets = targets;
        this.channels = Map.copyOf(channels);
        this.escalationLevel = escalationLevel;
    }

    /** The rules an event owes notifications under, in the order they are applied. */
    public List<Rule> rulesOf(ExDeskEvent event) {
        List<Rule> rules = new ArrayList<>();
        if (event instanceof TicketCreated created) {
            if (created.customerTier() == CustomerTier.VIP) {
                rules.add(Rule.VIP_TICKET_CREATED);
            }
            if (created.secretsRedacted()) {
                rules.add(Rule.SECRETS_REDACTED);
            }
        } else if (event instanceof CustomerReplied replied) {
            if (replied.secretsRedacted()) {
                rules.add(Rule.SECRETS_REDACTED);
            }
        } else if (event instanceof TicketAssigned) {
            rules.add(Rule.TICKET_ASSIGNED);
        } else if (event instanceof SlaWarning warning) {
            rules.add(Rule.SLA_WARNING);
            if (warning.level() >= escalationLevel) {
                rules.add(Rule.SLA_ESCALATION);
            }
        } else if (event instanceof SlaBreached) {
            rules.add(Rule.SLA_BREACHED);
        }
        return rules;
    }

    /**
     * The deliveries {@code rules} owe for a ticket. A recipient named twice (a supervisor who is
     * also the assignee) gets one message per channel, under the first rule that names them.
     */
    public List<Owed> route(List<Rule> rules, NotifiedTicket ticket, Contacts contacts) {
        List<Owed> owed = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Rule rule : rules) {
            for (Target target : targets.apply(rule)) {
                for (Recipient recipient : recipients(target, ticket, contacts)) {
                    if (named.add(recipient.key() + "/" + target.channel())) {
                        owed.add(new Owed(rule, target.channel(), recipient));
                    }
                }
            }
        }
        return owed;
    }

    /** The team whose supervisors are told: the ticket's (from its assignment), else the assignee's in the directory. */
    public static String team(NotifiedTicket ticket, Contacts contacts) {
        if (ticket.team != null) {
            return ticket.team;
        }
        return Optional.ofNullable(ticket.assigneeId).flatMap(id -> contacts.find(ContactKind.AGENT, id))
                .map(contact -> contact.team).orElse(null);
    }

    private List<Recipient> recipients(Target target, NotifiedTicket ticket, Contacts contacts) {
        DeliveryChannel channel = target.channel();
        switch (target.recipient()) {
            case Target.ASSIGNEE -> {
                if (ticket.assigneeId == null) {
                    return List.of(); // a queued ticket has nobody to tell; the escalation rule covers it
                }
                return List.of(person(ContactKind.AGENT, ticket.assigneeId, channel, ticket, contacts));
            }
            case Target.SUPERVISOR -> {
                String team = team(ticket, contacts);
                List<Contact> supervisors = team == null ? List.of() : contacts.supervisorsOf(team);
                if (supervisors.isEmpty()) {
                    return List.of(new Recipient(unknownSupervisor(team), null, null, ticket.language,
                            "no supervisor of team " + (team == null ? "(none)" : team) + " in the contact directory"));
                }
                return supervisors.stream().map(supervisor -> person(supervisor, channel, ticket, contacts)).toList();
            }
            case Target.CUSTOMER -> {
                if (ticket.customerId == null) {
                    return List.of();
                }
                return List.of(person(ContactKind.CUSTOMER, ticket.customerId, channel, ticket, contacts));
            }
            default -> {
                ChatEndpoint chat = channels.get(target.recipient());
                return List.of(new Recipient("channel:" + target.recipient(), chat.url(), chat.format(),
                        chat.language(), null));
            }
        }
    }

    /** The recipient key of a supervisor delivery when no supervisor was found. */
    public static String unknownSupervisor(String team) {
        return "supervisor-of:" + (team == null ? "no-team" : team);
    }

    private static Recipient person(ContactKind kind, String id, DeliveryChannel channel, NotifiedTicket ticket,
                                    Contacts contacts) {
        return contacts.find(kind, id).map(contact -> person(contact, channel, ticket, contacts))
                .orElseGet(() -> kind == ContactKind.AGENT ? unknownAgent(id, ticket, contacts)
                        : new Recipient(kind.recipient(id), null, null, ticket.language, null));
    }

    private static Recipient person(Contact contact, DeliveryChannel channel, NotifiedTicket ticket, Contacts contacts) {
        String address = channel == DeliveryChannel.EMAIL ? contact.email : contact.chatUrl;
        ChatFormat format = contact.chatFormat == null ? ChatFormat.SLACK : contact.chatFormat;
        String language = contact.language != null ? contact.language : ticket.language;
        if (address == null && contact.key.kind == ContactKind.AGENT && contact.profileVersion == null) {
            // Known from assignments only: what their profile will say is not known yet.
            return unknownAgent(contact.key.id, ticket, contacts);
        }
        return new Recipient(contact.recipient(), address, format, language, null);
    }

    /** An agent without a profile: their profile is awaited, unless the directory removed them. */
    private static Recipient unknownAgent(String id, NotifiedTicket ticket, Contacts contacts) {
        String key = ContactKind.AGENT.recipient(id);
        if (contacts.removedAgent(id)) {
            return new Recipient(key, null, null, ticket.language, "agent " + id + " was removed from the agent directory");
        }
        return new Recipient(key, null, null, ticket.language, null, id);
    }
}
