package io.exdesk.notification.service;

import io.exdesk.events.TicketErased;
import io.exdesk.notification.domain.ContactKind;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * ticket-service's retention of a closed ticket ({@code ticket-erased}, reason {@code RETENTION}): this service
 * drops what it holds of that ticket's customer, and only that, since the customer may have other tickets
 * open. Nothing is confirmed: retention is no request with a record to complete.
 */
@Singleton
public class TicketRetentionErasure {

    private final ContactDirectory directory;
    private final EntityManager em;
    private final Clock clock;

    public TicketRetentionErasure(ContactDirectory directory, EntityManager em, Clock clock) {
        this.directory = directory;
        this.em = em;
        this.clock = clock;
    }

    /**
     * The ticket's deliveries to its customer lose address, subject, bodies and error text (as an erasure
     * leaves them), and the ticket's row forgets the customer. Their contact goes too when it was saved before
     * this ticket's last event and no other ticket here still names them: then nothing but this long-closed
     * ticket kept it. A contact the platform saved again since, or that another ticket needs, stays.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(TicketErased retained) {
        em.createNativeQuery(DeliveryPlanner.ERASE_DELIVERIES + "WHERE ticket_id = ?1 AND recipient LIKE 'customer:%'")
                .setParameter(1, retained.ticketId())
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<String> customer = em.createNativeQuery(
                        "SELECT customer_id FROM notified_ticket WHERE ticket_id = ?1 AND customer_id IS NOT NULL FOR UPDATE")
                .setParameter(1, retained.ticketId())
                .getResultList();
        if (customer.isEmpty()) {
            return;
        }
        boolean keptOnlyByThisTicket = !em.createNativeQuery("""
                        SELECT 1 FROM contact c
                        WHERE c.kind = ?1 AND c.id = ?2
                          AND c.updated_at < (SELECT updated_at FROM notified_ticket WHERE ticket_id = ?3)
                          AND NOT EXISTS (SELECT 1 FROM notified_ticket t
                                          WHERE t.customer_id = c.id AND t.ticket_id <> ?3)""")
                .setParameter(1, ContactKind.CUSTOMER.name())
                .setParameter(2, customer.get(0))
                .setParameter(3, retained.ticketId())
                .getResultList().isEmpty();
        em.createNativeQuery("UPDATE notified_ticket SET customer_id = NULL, updated_at = ?1 WHERE ticket_id = ?2")
                .setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, retained.ticketId())
                .executeUpdate();
        if (keptOnlyByThisTicket) {
            directory.eraseCustomer(customer.get(0));
        }
    }
}
