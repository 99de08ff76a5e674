package io.exdesk.platform.concurrent;

import io.exdesk.platform.transaction.AfterCommit;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a background loop early, typically once a transaction that gave it work has committed, so
 * the loop needs no tight polling to react at once.
 */
public class WakeUpSignal {

    private final Semaphore pending = new Semaphore(0);

    public void wake() {
        // One permit is enough however many wake-ups arrive: the loop looks at everything there is.
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Wakes the loop when the current transaction commits (once per transaction). */
    public void wakeAfterCommit(AfterCommit afterCommit) {
        afterCommit.runOnce(this, this::wake);
    }

    /** Waits for a wake-up or the timeout, whichever comes first. */
    public void await(Duration timeout) throws InterruptedException {
        if (timeout.isNegative() || timeout.isZero()) {
            return;
        }
        if (pending.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            pending.drainPermits();
        }
    }
}
