package io.exdesk.platform.transaction;

import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs actions once the current transaction has committed, and not at all if it rolls back: wake-ups
 * of background loops, metrics of what was committed, pushes to live streams. A rolled-back batch
 * that is retried record by record therefore counts and signals each record once.
 */
@Singleton
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);

    private final TransactionSynchronizationRegistry transactions;

    public AfterCommit(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code action} after the commit of the transaction in progress (which must exist). */
    public void run(Runnable action) {
        actions().add(action);
    }

    /**
     * Runs {@code action} after the commit, once per transaction however often it is asked for with
     * the same {@code key} (e.g. one wake-up of a loop however many rows the transaction gave it).
     */
    public void runOnce(Object key, Runnable action) {
        Object resourceKey = new OnceKey(key);
        if (transactions.getResource(resourceKey) != null) {
            return;
        }
        transactions.putResource(resourceKey, Boolean.TRUE);
        run(action);
    }

    @SuppressWarnings("unchecked")
    private List<Runnable> actions() {
        List<Runnable> actions = (List<Runnable>) transactions.getResource(AfterCommit.class);
        if (actions == null) {
            List<Runnable> created = new ArrayList<>();
            transactions.putResource(AfterCommit.class, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        return;
                    }
                    for (Runnable action : created) {
                        try {
                            action.run();
                        } catch (RuntimeException e) {
                            // The transaction is committed; one failed follow-up must not cancel the others.
                            LOG.error("An after-commit action failed", e);
                        }
                    }
                }
            });
            actions = created;
        }
        return actions;
    }

    private record OnceKey(Object key) {
    }
}
