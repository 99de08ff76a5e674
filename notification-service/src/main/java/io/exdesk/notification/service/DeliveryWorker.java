package io.exdesk.notification.service;

import io.exdesk.notification.domain.Delivery;
import io.exdesk.platform.concurrent.BackgroundLoop;
import io.exdesk.platform.concurrent.WakeUpSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The worker of one channel: claims due deliveries as slots free up and sends them on its own pool,
 * so a slow or dead channel only ever occupies its own threads. Each round records the outcomes of
 * the sends that finished since the last one and claims as many deliveries as there are free slots,
 * in one transaction: under load one commit settles and leases many deliveries. It sleeps until the
 * next delivery falls due, a commit owes new ones, a send finishes, or a second passes.
 *
 * <p>A recipient may have a cap on its sends at once ({@code perRecipient}: a callback subscription's
 * {@code notification.callbacks.max-in-flight}). What a round leases beyond that cap waits here, holding no
 * slot, and the thread of the recipient's send that finishes next sends it at once: a round takes ~30 ms
 * (a commit with fsync) against ~15 ms for a send, so a slot that waited for the next round to be refilled
 * stood idle for most of its time (measured: 8 in flight carried ~110 callbacks/s warm, ~33/s while the JIT
 * was cold, benchmarks/README.md).
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
    /** Free slots a round waits for while sends are in flight (a quarter of them). */
    private final int roundSize;
    private final Queue<DeliveryStore.Outcome> finished = new ConcurrentLinkedQueue<>();
    /** Leased, unfinished per recipient (sending or waiting): a round leases a subscription no more than it has room for. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    /** Sends at once per recipient at most; what is leased beyond waits in {@link #waiting}. */
    private final int perRecipient;
    /** Sends in progress and leased deliveries waiting for one of them, per recipient; guarded by itself. */
    private final Map<String, Integer> sending = new HashMap<>();
    private final Map<String, Deque<Delivery>> waiting = new HashMap<>();
    private ExecutorService pool;

    DeliveryWorker(ChannelSender sender, DeliveryStore store, WakeUpSignal signal, Clock clock, int concurrency,
                   int perRecipient) {
        super("delivery-" + sender.channel().name().toLowerCase(), signal);
        this.sender = sender;
        this.store = store;
        this.signal = signal;
        this.clock = clock;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        this.roundSize = Math.max(1, concurrency / 4);
        this.perRecipient = perRecipient;
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

    /** Stops claiming, lets the sends in flight finish and records their outcomes (their leases cover anything cut short). */
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
            dropWaiting(); // not sent: their leases run out and another round takes them again
            try {
                store.round(sender.channel(), drainFinished(), 0, Map.of());
            } catch (RuntimeException e) {
                LOG.warnf("%s outcomes not recorded at stop, retried after their lease: %s", sender.channel(), e.toString());
            }
        }
    }

    @Override
    protected void runOnce() throws InterruptedException {
        int free = slots.availablePermits();
        if (free < roundSize) {
            // Busy: let a few more sends finish, so that one round settles and leases several at once.
            signal.await(MAX_SLEEP); // a finished send wakes the loop
            return;
        }
        List<DeliveryStore.Outcome> outcomes = drainFinished();
        DeliveryStore.Round round;
        try {
            round = store.round(sender.channel(), outcomes, free, Map.copyOf(inFlight));
        } catch (RuntimeException e) {
            finished.addAll(outcomes); // recorded by the next round that commits
            LOG.warnf("%s worker failed, retrying in 1 s: %s", sender.channel(), e.toString());
            signal.await(MAX_SLEEP);
            return;
        }
        for (Delivery delivery : round.claimed()) {
            inFlight.merge(delivery.recipient, 1, Integer::sum);
            if (startSending(delivery)) {
                slots.acquire(); // never waits: a round leases no more than there are free slots
                pool.execute(() -> attempt(delivery));
            }
        }
        if (round.claimed().size() == free) {
            return; // there may be more due: claim again as soon as a slot frees
        }
        Instant next = round.nextDue();
        Duration sleep = next == null ? MAX_SLEEP : Duration.between(clock.instant(), next);
        signal.await(sleep.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : sleep);
    }

    /** Sends {@code first}, then, on the same thread and slot, the recipient's leased deliveries that wait. */
    private void attempt(Delivery first) {
        for (Delivery delivery = first; delivery != null; ) {
            Delivery sent = delivery;
            try {
                finished.add(new DeliveryStore.Outcome(sent, clock.instant(), send(sent)));
            } finally {
                inFlight.computeIfPresent(sent.recipient, (recipient, sends) -> sends == 1 ? null : sends - 1);
                delivery = nextWaiting(sent.recipient);
                if (delivery == null) {
                    slots.release();
                }
                signal.wake();
            }
        }
    }

    /** True if the delivery may be sent now; otherwise it waits for one of its recipient's sends to finish. */
    private boolean startSending(Delivery delivery) {
        synchronized (sending) {
            if (sending.getOrDefault(delivery.recipient, 0) < perRecipient) {
                sending.merge(delivery.recipient, 1, Integer::sum);
                return true;
            }
            waiting.computeIfAbsent(delivery.recipient, recipient -> new ArrayDeque<>()).add(delivery);
            return false;
        }
    }

    /** After a send to the recipient finished: the next of its deliveries that wait, or null (the send is over). */
    private Delivery nextWaiting(String recipient) {
        synchronized (sending) {
            Deque<Delivery> queue = waiting.get(recipient);
            Delivery next = queue == null ? null : queue.poll();
            if (queue != null && queue.isEmpty()) {
                waiting.remove(recipient);
            }
            if (next == null) {
                sending.computeIfPresent(recipient, (r, sends) -> sends == 1 ? null : sends - 1);
            }
            return next;
        }
    }

    private void dropWaiting() {
        synchronized (sending) {
            waiting.values().forEach(queue -> queue.forEach(delivery ->
                    inFlight.computeIfPresent(delivery.recipient, (recipient, sends) -> sends == 1 ? null : sends - 1)));
            waiting.clear();
        }
    }

    /** Sends once; the failure, or null when sent. */
    private DeliveryFailure send(Delivery delivery) {
        try {
            sender.send(delivery);
            return null;
        } catch (DeliveryFailure failure) {
            // Not the failure's text: an SMTP reply quotes the recipient's address, a webhook's answer may
            // echo the message. The delivery log keeps it (last_error).
            LOG.debugf("%s delivery %s attempt %d failed; the delivery log has the error", sender.channel(),
                    delivery.id, delivery.attempts);
            return failure;
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s delivery %s attempt %d failed unexpectedly", sender.channel(), delivery.id, delivery.attempts);
            return DeliveryFailure.retryable(sender.channel() + ": " + e, e);
        }
    }

    private List<DeliveryStore.Outcome> drainFinished() {
        List<DeliveryStore.Outcome> drained = new ArrayList<>();
        for (DeliveryStore.Outcome outcome; (outcome = finished.poll()) != null; ) {
            drained.add(outcome);
        }
        return drained;
    }
}
