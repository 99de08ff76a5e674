package io.exdesk.notification.service;

import io.exdesk.events.AgentTier;
import io.exdesk.events.TicketAssigned;
import io.exdesk.notification.domain.ChatFormat;
import io.exdesk.notification.domain.Contact;
import io.exdesk.notification.domain.ContactId;
import io.exdesk.notification.domain.ContactKind;
import io.exdesk.notification.domain.DeliveryRouting;
import io.exdesk.platform.erasure.CustomerPseudonyms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The addresses of agents and customers. Admins (agents) and the exchange platform (customers) keep
 * them through the API; assignment events keep an agent's team and supervisor flag current, since
 * routing-service owns the agents. A customer's entry also keeps their pseudonym, by which an erasure
 * finds it; computing it needs the deployment's pseudonym key, so without one the service does not start.
 */
@Singleton
public class ContactDirectory implements DeliveryRouting.Contacts {

    private static final int BACKFILL_BATCH = 500;

    private final EntityManager em;
    private final Clock clock;
    private final CustomerPseudonyms pseudonyms;

    public ContactDirectory(EntityManager em, Clock clock, CustomerPseudonyms pseudonyms) {
        this.em = em;
        this.clock = clock;
        this.pseudonyms = pseudonyms;
    }

    /** Customer entries saved before they kept their pseudonym get it, so that an erasure finds them too. */
    void fillInPseudonyms(@Observes StartupEvent started) {
        List<String> missing;
        do {
            missing = QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<String> ids = em.createNativeQuery("""
                                SELECT id FROM contact WHERE kind = 'CUSTOMER' AND customer_pseudonym IS NULL
                                ORDER BY id LIMIT ?1""")
                        .setParameter(1, BACKFILL_BATCH).getResultList();
                for (String id : ids) {
                    em.createNativeQuery("UPDATE contact SET customer_pseudonym = ?1 WHERE kind = 'CUSTOMER' AND id = ?2")
                            .setParameter(1, pseudonyms.of(id)).setParameter(2, id).executeUpdate();
                }
                return ids;
            });
        } while (missing.size() == BACKFILL_BATCH);
    }

    @Override
    public Optional<Contact> find(ContactKind kind, String id) {
        return Contact.findByIdOptional(new ContactId(kind, id));
    }

    /** Creates or replaces what the caller manages of a contact. */
    @Transactional
    public Contact put(ContactKind kind, String id, ContactFields fields) {
        Contact contact = locked(kind, id);
        contact.name = fields.name();
        contact.email = fields.email();
        contact.language = fields.language();
        contact.team = fields.team();
        contact.supervisor = fields.supervisor();
        contact.chatUrl = fields.chatUrl();
        // A webhook without a stated format is a Slack incoming webhook; no webhook, no format.
        contact.chatFormat = fields.chatUrl() == null ? null
                : fields.chatFormat() == null ? ChatFormat.SLACK : fields.chatFormat();
        contact.updatedAt = clock.instant();
        contact.customerPseudonym = kind == ContactKind.CUSTOMER ? pseudonyms.of(id) : null;
        return contact;
    }

    /**
     * Keeps the agent's team current from routing; creates an entry without addresses if it has none yet.
     * Most assignments change nothing, and then nothing is written or locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learn(TicketAssigned assigned) {
        boolean supervisor = assigned.agentTier() == AgentTier.SUPERVISOR;
        Optional<Contact> known = find(ContactKind.AGENT, assigned.agentId());
        if (known.isPresent() && (assigned.team() == null || assigned.team().equals(known.get().team))
                && (!supervisor || known.get().supervisor)) {
            return;
        }
        Contact contact = locked(ContactKind.AGENT, assigned.agentId());
        if (assigned.team() != null) {
            contact.team = assigned.team();
        }
        if (supervisor) {
            contact.supervisor = true;
        }
        contact.updatedAt = clock.instant();
    }

    @Override
    public List<Contact> supervisorsOf(String team) {
        return Contact.list("key.kind = ?1 and team = ?2 and supervisor = true order by key.id", ContactKind.AGENT, team);
    }

    /** The ids of the customers with this pseudonym: normally one, none once erased. */
    public List<String> customersWithPseudonym(String pseudonym) {
        return Contact.<Contact>list("key.kind = ?1 and customerPseudonym = ?2", ContactKind.CUSTOMER, pseudonym)
                .stream().map(contact -> contact.key.id).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void eraseCustomer(String customerId) {
        Contact.delete("key.kind = ?1 and key.id = ?2", ContactKind.CUSTOMER, customerId);
    }

    /** The contact's row, created empty if new and locked, so concurrent writers (API, events) cannot collide. */
    private Contact locked(ContactKind kind, String id) {
        em.createNativeQuery("INSERT INTO contact (kind, id, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, kind.name())
                .setParameter(2, id)
                .setParameter(3, Timestamp.from(clock.instant()))
                .executeUpdate();
        Contact contact = em.find(Contact.class, new ContactId(kind, id));
        // Re-read under the lock: the entry may have been loaded, unlocked, earlier in this transaction.
        em.refresh(contact, LockModeType.PESSIMISTIC_WRITE);
        return contact;
    }

    /** The fields a caller sets on a contact ({@code chatFormat} null: Slack, when there is a webhook). */
    public record ContactFields(String name, String email, String language, String team, boolean supervisor,
                                String chatUrl, ChatFormat chatFormat) {
    }
}
