package io.exdesk.notification.contact;

import io.exdesk.events.AgentTier;
import io.exdesk.events.TicketAssigned;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The addresses of agents and customers. Admins (agents) and the exchange platform (customers) keep
 * them through the API; assignment events keep an agent's team and supervisor flag current, since
 * routing-service owns the agents.
 */
@Singleton
public class ContactDirectory {

    private final Clock clock;

    public ContactDirectory(Clock clock) {
        this.clock = clock;
    }

    public Optional<Contact> find(ContactKind kind, String id) {
        return Contact.findByIdOptional(new ContactId(kind, id));
    }

    /** Creates or replaces what the caller manages of a contact. */
    @Transactional
    public Contact put(ContactKind kind, String id, ContactFields fields) {
        Contact contact = find(kind, id).orElseGet(() -> newContact(kind, id));
        contact.name = fields.name();
        contact.email = fields.email();
        contact.language = fields.language();
        contact.team = fields.team();
        contact.supervisor = fields.supervisor();
        contact.chatUrl = fields.chatUrl();
        contact.chatFormat = fields.chatFormat();
        contact.updatedAt = clock.instant();
        contact.persist();
        return contact;
    }

    /** Keeps the agent's team current from routing; creates an entry without addresses if it has none yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learn(TicketAssigned assigned) {
        Contact contact = find(ContactKind.AGENT, assigned.agentId()).orElseGet(() -> newContact(ContactKind.AGENT, assigned.agentId()));
        if (assigned.team() != null) {
            contact.team = assigned.team();
        }
        if (assigned.agentTier() == AgentTier.SUPERVISOR) {
            contact.supervisor = true;
        }
        contact.updatedAt = clock.instant();
        contact.persist();
    }

    /** The supervisors of a team, in a stable order. */
    public List<Contact> supervisorsOf(String team) {
        return Contact.list("key.kind = ?1 and team = ?2 and supervisor = true order by key.id", ContactKind.AGENT, team);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void eraseCustomer(String customerId) {
        Contact.delete("key.kind = ?1 and key.id = ?2", ContactKind.CUSTOMER, customerId);
    }

    private Contact newContact(ContactKind kind, String id) {
        Contact contact = new Contact();
        contact.key = new ContactId(kind, id);
        return contact;
    }

    /** The fields a caller sets on a contact. */
    public record ContactFields(String name, String email, String language, String team, boolean supervisor,
                                String chatUrl, io.exdesk.notification.delivery.ChatFormat chatFormat) {
    }
}
