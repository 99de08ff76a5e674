package io.exdesk.routing.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The one lock every routing decision takes: a PostgreSQL transaction-scoped advisory lock, held until
 * commit. It serialises decisions across threads and service instances, which is what makes "least
 * loaded", "never over capacity" and "the queue drains in priority order" hold as a whole rather than
 * per row. A decision is a few milliseconds of database work, so one at a time is the cheap, correct
 * choice at this scale (see README, "Concurrency").
 */
@ApplicationScoped
public class RoutingLock {

    /** Arbitrary, fixed: "routing" in ASCII. */
    private static final long KEY = 0x726f7574696e67L;

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transaction;

    public RoutingLock(EntityManager em, TransactionSynchronizationRegistry transaction) {
        this.em = em;
        this.transaction = transaction;
    }

    /** Takes the lock for the rest of the transaction; a batch of decisions asks the database only once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire() {
        if (transaction.getResource(RoutingLock.class) == null) {
            em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").setParameter("key", KEY)
                    .getSingleResult();
            transaction.putResource(RoutingLock.class, Boolean.TRUE);
        }
    }
}
