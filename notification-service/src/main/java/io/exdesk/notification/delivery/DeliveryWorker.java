package io.exdesk.notification.delivery;

import io.exdesk.platform.concurrent.BackgroundLoop;
import io.exdesk.platform.concurrent.WakeUpSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The worker of one channel: claims due deliveries as slots free up and sends them on its own pool,
 * so a slow or dead channel only ever occupies its own threads. It sleeps until the next delivery
 * falls due, a commit owes new ones, a send finishes, or a second passes.
 */
final class DeliveryWorker extends BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);

    private final ChannelSender sender;
    private final DeliveryStore store;
    private final WakeUpSignal signal;
    private final Clock clock;
    private final int concurrency;
    private final Semaphore slots;
    private ExecutorService pool;

    DeliveryWorker(ChannelSender sender, DeliveryStore store, WakeUpSignal signal, Clock clock, int concurrency) {
        super("delivery-" + sender.channel().name().toLowerCase(), signal);
        this.sender = sender;
        this.store = store;
        this.signal = signal;
        this.clock = clock;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
    }

    @Override
    public synchronized void start() {
        if (pool == null) {
            String name = "delivery-" + sender.channel().name().toLowerCase() + "-send";
            pool = Executors.newFixedThreadPool(concurrency, runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
        }
        super.start();
    }

    /** Stops claiming, then lets the sends in flight finish (their leases cover anything cut short). */
    @Override
    public synchronized void stop() {
        super.stop();
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool = null;
        }
    }

    @Override
    protected void runOnce() throws InterruptedException {
        try {
            int free = slots.availablePermits();
            if (free > 0) {
                List<Delivery> claimed = store.claim(sender.channel(), free);
                for (Delivery delivery : claimed) {
                    slots.acquire();
                    pool.execute(() -> attempt(delivery));
                }
                if (claimed.size() == free) {
                    return; // there may be more due: claim again as soon as a slot frees
                }
            }
            Instant next = store.nextDue(sender.channel());
            Duration sleep = next == null ? MAX_SLEEP : Duration.between(clock.instant(), next);
            signal.await(sleep.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : sleep);
        } catch (RuntimeException e) {
            LOG.warnf("%s worker failed, retrying in 1 s: %s", sender.channel(), e.toString());
            signal.await(MAX_SLEEP);
        }
    }

    private void attempt(Delivery delivery) {
        try {
            sender.send(delivery);
            store.sent(delivery);
        } catch (DeliveryFailure failure) {
            LOG.debugf("%s delivery %s attempt %d failed: %s", sender.channel(), delivery.id, delivery.attempts,
                    failure.getMessage());
            store.failed(delivery, failure);
        } catch (RuntimeException e) {
            // Recording the outcome failed (database down?): the lease runs out and the delivery is taken again.
            LOG.warnf(e, "%s delivery %s: outcome not recorded, retried after its lease", sender.channel(), delivery.id);
        } finally {
            slots.release();
            signal.wake();
        }
    }
}
