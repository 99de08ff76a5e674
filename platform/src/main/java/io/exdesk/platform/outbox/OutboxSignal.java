package io.exdesk.platform.outbox;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the relay when a transaction with outbox rows commits, so publishing adds no poll delay. */
@Singleton
public class OutboxSignal {

    private final Semaphore pending = new Semaphore(0);

    void wake() {
        // One permit is enough however many commits arrive: the relay drains everything it finds.
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits for a wake-up or the timeout, whichever comes first. */
    void await(Duration timeout) throws InterruptedException {
        if (pending.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            pending.drainPermits();
        }
    }
}
