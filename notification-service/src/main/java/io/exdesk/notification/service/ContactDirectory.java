package io.exdesk.notification.service;

import io.exdesk.events.AgentProfileUpdated;
import io.exdesk.events.AgentRemoved;
import io.exdesk.events.AgentTier;
import io.exdesk.events.ExDeskEvent;
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
 * The addresses of agents and customers. Agents are registered in routing-service, whose directory
 * ({@code agent-profile}, {@code agent-removed} on the compacted {@code agent-profiles} topic) this keeps a copy
 * of: the newest profile wins, a removal deletes the entry. An agent seen in an assignment before their profile
 * gets an entry without addresses, kept current from assignments until the profile comes. The exchange
 * platform keeps customers' entries through the API. A customer's entry also keeps their pseudonym, by which
 * an erasure finds it; computing it needs the deployment's pseudonym key, so without one the service does not
 * start.
 */
@Singleton
public class ContactDirectory implements DeliveryRouting.Contacts {

    private static final int BACKFILL_BATCH = 500;

    private final EntityManager em;
    private final Clock clock;
    private final CustomerPseudonyms pseudonyms;
    private final AwaitedProfiles awaited;

    public ContactDirectory(EntityManager em, Clock clock, CustomerPseudonyms pseudonyms, AwaitedProfiles awaited) {
        this.em = em;
        this.clock = clock;
        this.pseudonyms = pseudonyms;
        this.awaited = awaited;
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

    /** Creates or replaces a customer's contact. */
    @Transactional
    public Contact putCustomer(String customerId, String email, String language) {
        Contact contact = locked(ContactKind.CUSTOMER, customerId);
        contact.email = email;
        contact.language = language;
        contact.updatedAt = clock.instant();
        contact.customerPseudonym = pseudonyms.of(customerId);
        return contact;
    }

    /**
     * Applies an event of routing-service's agent directory, in the consumer's transaction: a profile newer than
     * the entry's replaces it (an older or the same one changes nothing, so a replay is harmless) and sends what
     * waited for it; a removal deletes the entry, remembers that the agent was removed, and declares dead what
     * waited for their profile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ExDeskEvent event) {
        if (event instanceof AgentProfileUpdated profile) {
            Contact contact = locked(ContactKind.AGENT, profile.agentId());
            if (contact.profileVersion != null && contact.profileVersion >= profile.profileVersion()) {
                return;
            }
            contact.name = profile.name();
            contact.email = profile.email();
            contact.language = profile.preferredLanguage();
            contact.team = profile.team();
            contact.supervisor = profile.tier() == AgentTier.SUPERVISOR;
            contact.chatUrl = profile.chatUrl();
            contact.chatFormat = profile.chatUrl() == null ? null
                    : profile.chatFormat() == null ? ChatFormat.SLACK : ChatFormat.valueOf(profile.chatFormat().name());
            contact.profileVersion = profile.profileVersion();
            contact.updatedAt = clock.instant();
            em.createNativeQuery("DELETE FROM agent_removal WHERE agent_id = ?1").setParameter(1, profile.agentId())
                    .executeUpdate();
            awaited.profileArrived(contact);
        } else if (event instanceof AgentRemoved removed) {
            // Locked first: a planner recording deliveries that await this agent's profile holds the entry.
            locked(ContactKind.AGENT, removed.agentId());
            Contact.delete("key.kind = ?1 and key.id = ?2", ContactKind.AGENT, removed.agentId());
            em.createNativeQuery("""
                            INSERT INTO agent_removal (agent_id, removed_at) VALUES (?1, ?2)
                            ON CONFLICT (agent_id) DO UPDATE SET removed_at = excluded.removed_at""")
                    .setParameter(1, removed.agentId())
                    .setParameter(2, Timestamp.from(clock.instant()))
                    .executeUpdate();
            awaited.agentRemoved(removed.agentId());
        }
    }

    @Override
    public boolean removedAgent(String agentId) {
        return !em.createNativeQuery("SELECT 1 FROM agent_removal WHERE agent_id = ?1").setParameter(1, agentId)
                .getResultList().isEmpty();
    }

    /**
     * Locks the agent's entry (created without addresses if there is none) and reads it again, for a planner that
     * is about to record deliveries awaiting the agent's profile: a profile applied meanwhile is seen now, and one
     * applied later waits for the planner's commit and then finds its deliveries.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdAgent(String agentId) {
        em.flush(); // what learn() changed in the entry is written, not thrown away by the re-read
        locked(ContactKind.AGENT, agentId);
    }

    /**
     * Keeps the team of an agent without a profile current from routing's assignments; creates an entry without
     * addresses if there is none yet. An agent's profile says it all: once there is one, assignments (which may
     * be read after a newer profile, from another topic) change nothing. Most assignments change nothing, and
     * then nothing is written or locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learn(TicketAssigned assigned) {
        boolean supervisor = assigned.agentTier() == AgentTier.SUPERVISOR;
        Optional<Contact> known = find(ContactKind.AGENT, assigned.agentId());
        if (known.isPresent() && (known.get().profileVersion != null
                || (assigned.team() == null || assigned.team().equals(known.get().team))
                && (!supervisor || known.get().supervisor))) {
            return;
        }
        Contact contact = locked(ContactKind.AGENT, assigned.agentId());
        if (contact.profileVersion != null) {
            return; // the profile came in meanwhile
        }
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
}
