package io.exdesk.notification.service;

import io.exdesk.events.Category;
import io.exdesk.events.CustomerErased;
import io.exdesk.events.CustomerReplied;
import io.exdesk.events.ErasureReason;
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
import io.exdesk.events.TicketScopedEvent;
import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.ContactKind;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.notification.domain.DeliveryRouting.Recipient;
import io.exdesk.notification.domain.DeliveryRouting;
import io.exdesk.notification.domain.DeliveryStatus;
import io.exdesk.notification.domain.NotificationRules;
import io.exdesk.notification.domain.NotifiedTicket;
import io.exdesk.notification.domain.Rule;
import io.exdesk.platform.erasure.ErasureConfirmations;
import io.exdesk.platform.messaging.EventHandler;
import io.exdesk.platform.messaging.ReceivedEvent;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns an event into the deliveries it owes: applies the rules, finds each recipient's address and
 * language, renders the message and records one {@link Delivery} per (recipient, channel), all in the
 * transaction that marks the event processed. A recipient without an address is recorded dead at
 * once, with the reason, rather than skipped; except an agent whose profile has not reached the directory yet,
 * whose deliveries wait for it ({@link AwaitedProfiles}). The callbacks the event owes the platform are recorded in
 * the same transaction ({@link CallbackPlanner}).
 */
@Singleton
public class DeliveryPlanner implements EventHandler {

    private static final Logger LOG = Logger.getLogger(DeliveryPlanner.class);
    /** Erases deliveries to a customer (a mail server's error text may quote their address), given a WHERE. */
    static final String ERASE_DELIVERIES = """
            UPDATE delivery SET recipient = 'customer:erased', address = NULL, subject = NULL, body_text = NULL,
                   body_html = NULL, next_attempt_at = NULL,
                   last_error = CASE WHEN status = 'PENDING' THEN 'personal data erased before delivery'
                                     WHEN last_error IS NULL THEN NULL ELSE '[erased]' END,
                   status = CASE WHEN status = 'PENDING' THEN 'DEAD' ELSE status END
            """;

    private final DeliveryRouting routing;
    private final ContactDirectory directory;
    private final MessageRenderer renderer;
    private final DeliverySignals signals;
    private final DeliveryMetrics metrics;
    private final TicketRetentionErasure retention;
    private final ErasureConfirmations confirmations;
    private final CallbackPlanner callbacks;
    private final AwaitedProfiles awaited;
    private final NotificationConfig config;
    private final EntityManager em;
    private final Clock clock;

    public DeliveryPlanner(NotificationRules rules, ContactDirectory directory, MessageRenderer renderer,
                           DeliverySignals signals, DeliveryMetrics metrics, ErasureConfirmations confirmations,
                           TicketRetentionErasure retention,
                           CallbackPlanner callbacks, AwaitedProfiles awaited, NotificationConfig config,
                           EntityManager em, Clock clock) {
        this.routing = new DeliveryRouting(rules::targets, chatEndpoints(config), config.escalationLevel());
        this.directory = directory;
        this.renderer = renderer;
        this.signals = signals;
        this.metrics = metrics;
        this.retention = retention;
        this.confirmations = confirmations;
        this.callbacks = callbacks;
        this.awaited = awaited;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Creates and locks the rows of the tickets these events update, all at once in ticket-id order. A ticket's
     * events come on three topics consumed in parallel, and a poll of each names several tickets in the order
     * they came: locked event by event, two batches holding one ticket each and waiting for the other's
     * deadlocked, and the database aborted one after its deadlock timeout (a second) for it to be applied again
     * one record per transaction (40 times in 15 minutes at 50 tickets/s, benchmarks/README.md). In one order,
     * the second waits for the first instead.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void beforeEvents(List<ReceivedEvent> events) {
        String ids = events.stream().map(ReceivedEvent::payload).filter(this::updatesTicketRow)
                .map(payload -> ((TicketScopedEvent) payload).ticketId().toString())
                .distinct().collect(Collectors.joining(",", "{", "}"));
        if (ids.length() > 2) {
            em.createNativeQuery("""
                            INSERT INTO notified_ticket (ticket_id, updated_at)
                            SELECT id, ?2 FROM unnest(cast(?1 AS uuid[])) AS id ORDER BY id
                            ON CONFLICT (ticket_id) DO UPDATE SET updated_at = excluded.updated_at""")
                    .setParameter(1, ids)
                    .setParameter(2, java.sql.Timestamp.from(clock.instant()))
                    .executeUpdate();
        }
    }

    /** The events whose {@link #handle} locks their ticket's row ({@link #ticket}); a reply only when it owes. */
    private boolean updatesTicketRow(ExDeskEvent payload) {
        return payload instanceof TicketCreated || payload instanceof PriorityChanged
                || payload instanceof TicketAssigned || payload instanceof SlaScheduled
                || payload instanceof SlaWarning || payload instanceof SlaBreached
                || payload instanceof TicketErased erased && erased.reason() != ErasureReason.RETENTION
                || payload instanceof CustomerReplied && !routing.rulesOf(payload).isEmpty();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(ReceivedEvent event) {
        ExDeskEvent payload = event.payload();
        Owed owed = new Owed(event.headers().id(), EventType.of(payload).ceType(), payload.occurredAt(),
                routing.rulesOf(payload));
        if (payload instanceof TicketCreated created) {
            NotifiedTicket ticket = ticket(created.ticketId());
            ticket.ticketNumber = created.ticketNumber();
            ticket.priority = created.priority().name();
            ticket.category = created.category().name();
            ticket.language = created.language();
            ticket.customerId = created.customerId();
            save(ticket);
            owe(owed, ticket, ticket.firstResponseDue, Map.of("source", created.channel().name()));
        } else if (payload instanceof PriorityChanged changed) {
            NotifiedTicket ticket = ticket(changed.ticketId());
            ticket.priority = changed.priority().name();
            ticket.category = changed.category().name();
            save(ticket);
        } else if (payload instanceof CustomerReplied replied && !owed.rules().isEmpty()) {
            // A reply owes only the scam warning, when it exposed secrets (its priority-changed came first).
            NotifiedTicket ticket = ticket(replied.ticketId());
            owe(owed, ticket, ticket.firstResponseDue, Map.of());
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
            owe(owed, ticket, ticket.firstResponseDue, Map.of("reason", assigned.reason().name()));
        } else if (payload instanceof SlaScheduled scheduled) {
            NotifiedTicket ticket = ticket(scheduled.ticketId());
            due(ticket, scheduled.clock(), scheduled.dueAt());
            ticket.priority = scheduled.priority().name();
            save(ticket);
        } else if (payload instanceof SlaWarning warning) {
            // The three topics are consumed in parallel: a warning may be the first this service hears
            // of the ticket, so it names the ticket from its own fields.
            NotifiedTicket ticket = ticket(warning.ticketId());
            due(ticket, warning.clock(), warning.dueAt());
            learnName(ticket, warning.ticketNumber(), warning.category());
            ticket.priority = warning.priority().name();
            if (warning.assigneeId() != null) {
                ticket.assigneeId = warning.assigneeId();
            }
            save(ticket);
            owe(owed, ticket, warning.dueAt(), Map.of("level", warning.level(), "clock", warning.clock().name(),
                    "percent", Math.round(warning.fraction() * 100), "assignee", orNone(ticket.assigneeId)));
        } else if (payload instanceof SlaBreached breached) {
            NotifiedTicket ticket = ticket(breached.ticketId());
            due(ticket, breached.clock(), breached.dueAt());
            learnName(ticket, breached.ticketNumber(), breached.category());
            ticket.priority = breached.priority().name();
            if (breached.assigneeId() != null) {
                ticket.assigneeId = breached.assigneeId();
            }
            save(ticket);
            owe(owed, ticket, breached.dueAt(),
                    Map.of("clock", breached.clock().name(), "assignee", orNone(ticket.assigneeId)));
        } else if (payload instanceof TicketErased erased) {
            erase(erased);
        } else if (payload instanceof CustomerErased erased) {
            erase(erased);
        }
        callbacks.owe(event);
    }

    /** The event being applied and the rules it owes notifications under. */
    private record Owed(UUID eventId, String eventType, Instant occurredAt, List<Rule> rules) {
    }

    private void owe(Owed owed, NotifiedTicket ticket, Instant dueAt, Map<String, Object> details) {
        if (owed.rules().isEmpty()) {
            return;
        }
        MessageRenderer.TicketFacts facts = new MessageRenderer.TicketFacts(
                orDefault(ticket.ticketNumber, ticket.ticketId.toString()), orNone(ticket.priority),
                orNone(ticket.category), dueAt, config.ticketLinkBase() + ticket.ticketId);
        List<DeliveryRouting.Owed> deliveries = routing.route(owed.rules(), ticket, directory);
        Set<String> awaitedAgents = new LinkedHashSet<>();
        deliveries.stream().map(delivery -> delivery.recipient().awaitedAgent()).filter(java.util.Objects::nonNull)
                .forEach(awaitedAgents::add);
        if (!awaitedAgents.isEmpty()) {
            // The profile may have been applied since the directory was read: hold the agents' entries (their
            // profile then waits for this commit and finds these deliveries) and route again on what they hold now.
            awaitedAgents.forEach(directory::holdAgent);
            deliveries = routing.route(owed.rules(), ticket, directory);
        }
        for (DeliveryRouting.Owed delivery : deliveries) {
            record(owed, delivery.rule(), ticket, facts, delivery.channel(), delivery.recipient(), details);
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
        if (recipient.awaitedAgent() != null) {
            // Pending without an address until the agent's profile comes; due, to be declared dead, when the wait
            // runs out. Rendered now in the ticket's language, again in the profile's when it comes.
            Instant until = now.plus(config.delivery().profileWait());
            delivery.status = DeliveryStatus.PENDING;
            delivery.nextAttemptAt = until;
            delivery.messageModel = awaited.model(facts, details);
            delivery.lastError = "waiting for agent " + recipient.awaitedAgent()
                    + "'s profile from the agent directory, until " + until;
        } else if (problem == null) {
            delivery.status = DeliveryStatus.PENDING;
            delivery.nextAttemptAt = now;
            signals.wakeAfterCommit(channel);
        } else {
            // Owed but impossible: visible in the delivery log and the dead metric, retryable once fixed.
            // The log names the delivery, never the recipient: the reason (in the delivery log) names a
            // customer by id.
            delivery.status = DeliveryStatus.DEAD;
            delivery.lastError = problem;
            metrics.dead(channel);
            LOG.warnf("Delivery %s (%s, ticket %s, %s to a %s) is dead before sending: no address or recipient; "
                    + "the delivery log has the reason", delivery.id, rule.id(), ticket.ticketId, channel,
                    recipientKind(recipient.key()));
        }
        delivery.persist();
    }

    /**
     * Erasure of a ticket. The event names the customer only by their pseudonym, so the customer is the one
     * this service learned from the ticket's {@code ticket-created} (ordered before this event on the
     * ticket's partition), or a customer contact with that pseudonym: the ticket's deliveries to any
     * customer, and everything of that customer (see {@link #eraseCustomer}), are erased. Then confirmed.
     * Retention's erasure of a long-closed ticket drops only that ticket's copies ({@link TicketRetentionErasure}).
     */
    private void erase(TicketErased erased) {
        if (erased.reason() == ErasureReason.RETENTION) {
            retention.erase(erased);
            return;
        }
        String learned = ticket(erased.ticketId()).customerId;
        em.createNativeQuery(ERASE_DELIVERIES + "WHERE ticket_id = ?1 AND recipient LIKE 'customer:%'")
                .setParameter(1, erased.ticketId())
                .executeUpdate();
        Set<String> customers = new LinkedHashSet<>(directory.customersWithPseudonym(erased.customerId()));
        if (learned != null) {
            customers.add(learned);
        }
        customers.forEach(this::eraseCustomer);
        confirmations.confirm(erased);
    }

    /** Erasure of a customer: also one this service knows without a ticket, by their contact. Then confirmed. */
    private void erase(CustomerErased erased) {
        directory.customersWithPseudonym(erased.customerId()).forEach(this::eraseCustomer);
        confirmations.confirm(erased);
    }

    /**
     * The customer's deliveries, of every ticket, lose address, subject, bodies and error text and their
     * recipient becomes {@code customer:erased}; what was still owed to them is dropped visibly. Their id
     * leaves every ticket row and their contact is deleted. Messages to agents and channels name no customer.
     */
    private void eraseCustomer(String customerId) {
        em.createNativeQuery(ERASE_DELIVERIES + "WHERE recipient = ?1")
                .setParameter(1, ContactKind.CUSTOMER.recipient(customerId))
                .executeUpdate();
        em.createNativeQuery("UPDATE notified_ticket SET customer_id = NULL WHERE customer_id = ?1")
                .setParameter(1, customerId)
                .executeUpdate();
        directory.eraseCustomer(customerId);
    }

    /**
     * The ticket's row, which {@link #beforeEvents} created if new and locked with the other tickets of the
     * transaction (events of one ticket arrive on three topics, in parallel, and each updates part of the row).
     */
    private NotifiedTicket ticket(UUID ticketId) {
        NotifiedTicket ticket = em.find(NotifiedTicket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
        if (ticket == null) {
            throw new IllegalStateException("Ticket " + ticketId + " was not locked first: updatesTicketRow must"
                    + " name every event that updates its ticket's row");
        }
        return ticket;
    }

    /** An SLA event names its ticket, unless sla-service never learned the name: then what is known stays. */
    private static void learnName(NotifiedTicket ticket, String number, Category category) {
        if (number != null) {
            ticket.ticketNumber = number;
        }
        if (category != null) {
            ticket.category = category.name();
        }
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

    private static Map<String, DeliveryRouting.ChatEndpoint> chatEndpoints(NotificationConfig config) {
        Map<String, DeliveryRouting.ChatEndpoint> endpoints = new HashMap<>();
        config.channels().forEach((name, chat) -> endpoints.put(name,
                new DeliveryRouting.ChatEndpoint(chat.url().orElse(null), chat.format(), chat.language())));
        return endpoints;
    }

    /** {@code customer}, {@code agent}, {@code channel}…: what a recipient key says without naming anyone. */
    private static String recipientKind(String recipientKey) {
        int colon = recipientKey.indexOf(':');
        return colon < 0 ? recipientKey : recipientKey.substring(0, colon);
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
