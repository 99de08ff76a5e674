package io.exdesk.notification.delivery;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.PriorityChanged;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketErased;
import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.contact.Contact;
import io.exdesk.notification.contact.ContactDirectory;
import io.exdesk.notification.contact.ContactKind;
import io.exdesk.notification.rules.NotificationRules;
import io.exdesk.notification.rules.Rule;
import io.exdesk.notification.rules.Target;
import io.exdesk.notification.ticket.NotifiedTicket;
import io.exdesk.platform.messaging.ReceivedEvent;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns an event into the deliveries it owes: applies the rules, finds each recipient's address and
 * language, renders the message and records one {@link Delivery} per (recipient, channel), all in the
 * transaction that marks the event processed. A recipient without an address is recorded dead at
 * once, with the reason, rather than skipped.
 */
@Singleton
public class DeliveryPlanner {

    private static final Logger LOG = Logger.getLogger(DeliveryPlanner.class);

    private final NotificationRules rules;
    private final ContactDirectory directory;
    private final MessageRenderer renderer;
    private final DeliverySignals signals;
    private final DeliveryMetrics metrics;
    private final NotificationConfig config;
    private final EntityManager em;
    private final Clock clock;

    public DeliveryPlanner(NotificationRules rules, ContactDirectory directory, MessageRenderer renderer,
                           DeliverySignals signals, DeliveryMetrics metrics, NotificationConfig config,
                           EntityManager em, Clock clock) {
        this.rules = rules;
        this.directory = directory;
        this.renderer = renderer;
        this.signals = signals;
        this.metrics = metrics;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ReceivedEvent event) {
        ExDeskEvent payload = event.payload();
        Owed owed = new Owed(event.headers().id(), EventType.of(payload).ceType(), payload.occurredAt());
        if (payload instanceof TicketCreated created) {
            NotifiedTicket ticket = ticket(created.ticketId());
            ticket.ticketNumber = created.ticketNumber();
            ticket.priority = created.priority().name();
            ticket.category = created.category().name();
            ticket.language = created.language();
            ticket.customerId = created.customerId();
            save(ticket);
            Map<String, Object> details = Map.of("source", created.channel().name());
            if (created.customerTier() == CustomerTier.VIP) {
                owe(owed, Rule.VIP_TICKET_CREATED, ticket, ticket.firstResponseDue, details);
            }
            if (created.secretsRedacted()) {
                owe(owed, Rule.SECRETS_REDACTED, ticket, ticket.firstResponseDue, details);
            }
        } else if (payload instanceof PriorityChanged changed) {
            NotifiedTicket ticket = ticket(changed.ticketId());
            ticket.priority = changed.priority().name();
            save(ticket);
        } else if (payload instanceof TicketAssigned assigned) {
            NotifiedTicket ticket = ticket(assigned.ticketId());
            ticket.ticketNumber = assigned.ticketNumber();
            ticket.priority = assigned.priority().name();
            ticket.category = assigned.category().name();
            ticket.language = assigned.language();
            ticket.assigneeId = assigned.agentId();
            ticket.team = assigned.team();
            save(ticket);
            directory.learn(assigned);
            owe(owed, Rule.TICKET_ASSIGNED, ticket, ticket.firstResponseDue, Map.of("reason", assigned.reason().name()));
        } else if (payload instanceof SlaScheduled scheduled) {
            NotifiedTicket ticket = ticket(scheduled.ticketId());
            due(ticket, scheduled.clock(), scheduled.dueAt());
            ticket.priority = scheduled.priority().name();
            save(ticket);
        } else if (payload instanceof SlaWarning warning) {
            NotifiedTicket ticket = ticket(warning.ticketId());
            due(ticket, warning.clock(), warning.dueAt());
            ticket.priority = warning.priority().name();
            if (warning.assigneeId() != null) {
                ticket.assigneeId = warning.assigneeId();
            }
            save(ticket);
            Map<String, Object> details = Map.of("level", warning.level(), "clock", warning.clock().name(),
                    "percent", Math.round(warning.fraction() * 100), "assignee", orNone(ticket.assigneeId));
            owe(owed, Rule.SLA_WARNING, ticket, warning.dueAt(), details);
            if (warning.level() >= config.escalationLevel()) {
                owe(owed, Rule.SLA_ESCALATION, ticket, warning.dueAt(), details);
            }
        } else if (payload instanceof SlaBreached breached) {
            NotifiedTicket ticket = ticket(breached.ticketId());
            due(ticket, breached.clock(), breached.dueAt());
            ticket.priority = breached.priority().name();
            if (breached.assigneeId() != null) {
                ticket.assigneeId = breached.assigneeId();
            }
            save(ticket);
            owe(owed, Rule.SLA_BREACHED, ticket, breached.dueAt(),
                    Map.of("clock", breached.clock().name(), "assignee", orNone(ticket.assigneeId)));
        } else if (payload instanceof TicketErased erased) {
            erase(erased);
        }
    }

    /** The event being applied, and the (recipient, channel) pairs it already owes. */
    private record Owed(UUID eventId, String eventType, Instant occurredAt, Set<String> recorded) {
        Owed(UUID eventId, String eventType, Instant occurredAt) {
            this(eventId, eventType, occurredAt, new HashSet<>());
        }
    }

    /** Where one delivery goes, or why it cannot go anywhere. */
    private record Recipient(String key, String address, ChatFormat chatFormat, String language, String problem) {
    }

    private void owe(Owed owed, Rule rule, NotifiedTicket ticket, Instant dueAt, Map<String, Object> details) {
        MessageRenderer.TicketFacts facts = new MessageRenderer.TicketFacts(
                orDefault(ticket.ticketNumber, ticket.ticketId.toString()), orNone(ticket.priority),
                orNone(ticket.category), dueAt, config.ticketLinkBase() + ticket.ticketId);
        for (Target target : rules.targets(rule)) {
            for (Recipient recipient : recipients(target, ticket)) {
                // The supervisor may also be the assignee: one message per (recipient, channel) and event.
                if (owed.recorded().add(recipient.key() + "/" + target.channel())) {
                    record(owed, rule, ticket, facts, target.channel(), recipient, details);
                }
            }
        }
    }

    private void record(Owed owed, Rule rule, NotifiedTicket ticket, MessageRenderer.TicketFacts facts,
                        DeliveryChannel channel, Recipient recipient, Map<String, Object> details) {
        MessageRenderer.Message message = renderer.render(rule, recipient.language(), facts, details);
        Instant now = clock.instant();
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.eventId = owed.eventId();
        delivery.eventType = owed.eventType();
        delivery.rule = rule.id();
        delivery.ticketId = ticket.ticketId;
        delivery.ticketNumber = facts.ticketNumber();
        delivery.recipient = recipient.key();
        delivery.channel = channel;
        delivery.address = recipient.address();
        delivery.chatFormat = channel == DeliveryChannel.CHAT ? recipient.chatFormat() : null;
        delivery.language = message.language();
        delivery.subject = message.subject();
        delivery.bodyText = message.text();
        delivery.bodyHtml = channel == DeliveryChannel.EMAIL ? message.html() : null;
        delivery.occurredAt = owed.occurredAt();
        delivery.createdAt = now;
        String problem = recipient.problem() != null ? recipient.problem()
                : recipient.address() == null ? describe(recipient.key()) + " has no " + (channel == DeliveryChannel.EMAIL
                ? "e-mail address" : "chat webhook") + " in the contact directory" : null;
        if (problem == null) {
            delivery.status = DeliveryStatus.PENDING;
            delivery.nextAttemptAt = now;
            signals.wakeAfterCommit(channel);
        } else {
            // Owed but impossible: visible in the delivery log and the dead metric, retryable once fixed.
            delivery.status = DeliveryStatus.DEAD;
            delivery.lastError = problem;
            metrics.dead(channel);
            LOG.warnf("%s for %s on %s is dead: %s", rule.id(), recipient.key(), channel, problem);
        }
        delivery.persist();
    }

    private List<Recipient> recipients(Target target, NotifiedTicket ticket) {
        DeliveryChannel channel = target.channel();
        switch (target.recipient()) {
            case Target.ASSIGNEE -> {
                if (ticket.assigneeId == null) {
                    return List.of(); // a queued ticket has nobody to tell; the escalation rule covers it
                }
                return List.of(person(ContactKind.AGENT, ticket.assigneeId, channel, ticket));
            }
            case Target.SUPERVISOR -> {
                String team = ticket.team != null ? ticket.team : Optional.ofNullable(ticket.assigneeId)
                        .flatMap(id -> directory.find(ContactKind.AGENT, id)).map(c -> c.team).orElse(null);
                List<Contact> supervisors = team == null ? List.of() : directory.supervisorsOf(team);
                if (supervisors.isEmpty()) {
                    String key = "supervisor-of:" + (team == null ? "no-team" : team);
                    return List.of(new Recipient(key, null, null, ticket.language,
                            "no supervisor of team " + (team == null ? "(none)" : team) + " in the contact directory"));
                }
                List<Recipient> found = new ArrayList<>();
                for (Contact supervisor : supervisors) {
                    found.add(person(supervisor, channel, ticket));
                }
                return found;
            }
            case Target.CUSTOMER -> {
                if (ticket.customerId == null) {
                    return List.of();
                }
                return List.of(person(ContactKind.CUSTOMER, ticket.customerId, channel, ticket));
            }
            default -> {
                NotificationConfig.ChatChannel chat = config.channels().get(target.recipient());
                return List.of(new Recipient("channel:" + target.recipient(), chat.url().orElse(null), chat.format(),
                        chat.language(), null));
            }
        }
    }

    private Recipient person(ContactKind kind, String id, DeliveryChannel channel, NotifiedTicket ticket) {
        return directory.find(kind, id).map(contact -> person(contact, channel, ticket))
                .orElseGet(() -> new Recipient(kind.recipient(id), null, null, ticket.language, null));
    }

    private static Recipient person(Contact contact, DeliveryChannel channel, NotifiedTicket ticket) {
        String address = channel == DeliveryChannel.EMAIL ? contact.email : contact.chatUrl;
        ChatFormat format = contact.chatFormat == null ? ChatFormat.SLACK : contact.chatFormat;
        return new Recipient(contact.recipient(), address, format,
                contact.language != null ? contact.language : ticket.language, null);
    }

    /** Erasure: the customer's address, id and messages leave the log; what was still owed to them is dropped visibly. */
    private void erase(TicketErased erased) {
        String customer = ContactKind.CUSTOMER.recipient(erased.customerId());
        em.createNativeQuery("""
                        UPDATE delivery SET recipient = 'customer:erased', address = NULL, subject = NULL,
                               body_text = NULL, body_html = NULL, next_attempt_at = NULL,
                               last_error = CASE WHEN status = 'PENDING' THEN 'personal data erased before delivery' ELSE last_error END,
                               status = CASE WHEN status = 'PENDING' THEN 'DEAD' ELSE status END
                        WHERE recipient = ?1 OR (ticket_id = ?2 AND recipient LIKE 'customer:%')""")
                .setParameter(1, customer)
                .setParameter(2, erased.ticketId())
                .executeUpdate();
        em.createNativeQuery("UPDATE notified_ticket SET customer_id = NULL WHERE customer_id = ?1 OR ticket_id = ?2")
                .setParameter(1, erased.customerId())
                .setParameter(2, erased.ticketId())
                .executeUpdate();
        directory.eraseCustomer(erased.customerId());
    }

    /**
     * The ticket's row, created if new and locked: events of one ticket arrive on three topics, in
     * parallel, and each updates part of the row.
     */
    private NotifiedTicket ticket(UUID ticketId) {
        em.createNativeQuery("INSERT INTO notified_ticket (ticket_id, updated_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, ticketId)
                .setParameter(2, java.sql.Timestamp.from(clock.instant()))
                .executeUpdate();
        return em.find(NotifiedTicket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
    }

    private void save(NotifiedTicket ticket) {
        ticket.updatedAt = clock.instant();
        ticket.persist();
    }

    private static void due(NotifiedTicket ticket, SlaClock clock, Instant dueAt) {
        if (clock == SlaClock.FIRST_RESPONSE) {
            ticket.firstResponseDue = dueAt;
        } else {
            ticket.resolutionDue = dueAt;
        }
    }

    private static String describe(String recipientKey) {
        return recipientKey.replace(':', ' ');
    }

    private static String orNone(String value) {
        return orDefault(value, "-");
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
