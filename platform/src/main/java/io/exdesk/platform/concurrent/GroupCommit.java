package io.exdesk.platform.concurrent;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Group commit: requests queue up while a transaction commits, and the next transaction takes all
 * of them (up to {@code maxBatch}). One commit, one fsync and a few round trips then serve many
 * requests; under light load a batch holds one request and adds no wait, since nothing waits for
 * a batch to fill.
 *
 * <p>One thread runs the batches, in submission order. A batch that fails with an error one item
 * may have caused (invalid data or a violated constraint: SQLSTATE class 22 or 23) is retried item
 * by item, so only that item fails; any other failure (the database is down) fails the whole batch
 * at once, without a retry storm. A stop refuses new items
 * and commits those already queued.
 *
 * @param <I> what a request submits
 * @param <O> what it gets back once its batch has committed
 */
public final class GroupCommit<I, O> extends BackgroundLoop {

    /** Runs one batch in one transaction and returns one outcome per item, in order. */
    @FunctionalInterface
    public interface Batch<I, O> {
        List<O> commit(List<I> items) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private record Pending<I, O>(I item, CompletableFuture<O> outcome) {
    }

    private final Batch<I, O> batch;
    private final int maxBatch;
    private final BlockingQueue<Pending<I, O>> queue;
    private final WakeUpSignal signal;
    private volatile boolean accepting = true;

    private GroupCommit(String name, WakeUpSignal signal, Batch<I, O> batch, int maxBatch, int capacity) {
        super(name, signal);
        this.signal = signal;
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * @param name the thread's name
     * @param maxBatch the most items one transaction takes
     * @param capacity the most items that may wait; beyond it {@link #submit} refuses
     */
    public static <I, O> GroupCommit<I, O> of(String name, int maxBatch, int capacity, Batch<I, O> batch) {
        return new GroupCommit<>(name, new WakeUpSignal(), batch, maxBatch, capacity);
    }

    /**
     * Queues an item for the next batch.
     *
     * @return completes with the item's outcome after its transaction committed, or with the failure
     * @throws RejectedExecutionException when stopping or when {@code capacity} items already wait
     */
    public CompletionStage<O> submit(I item) {
        CompletableFuture<O> outcome = new CompletableFuture<>();
        if (!accepting || !queue.offer(new Pending<>(item, outcome))) {
            throw new RejectedExecutionException(accepting ? "too many requests waiting to commit" : "stopping");
        }
        signal.wake();
        return outcome;
    }

    /** How many items wait for a batch. */
    public int waiting() {
        return queue.size();
    }

    @Override
    public synchronized void stop() {
        accepting = false;
        super.stop();
        // Submitted after the last pass looked (a race with the flag above), or the pass timed out.
        List<Pending<I, O>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.outcome().completeExceptionally(new RejectedExecutionException("stopping")));
    }

    @Override
    protected void runOnce() throws InterruptedException {
        signal.await(Duration.ofSeconds(1));
        List<Pending<I, O>> pending = new ArrayList<>(maxBatch);
        while (queue.drainTo(pending, maxBatch) > 0) {
            run(pending);
            pending.clear();
        }
    }

    private void run(List<Pending<I, O>> pending) {
        try {
            complete(pending, batch.commit(pending.stream().map(Pending::item).toList()));
        } catch (Throwable failure) {
            if (pending.size() > 1 && dataError(failure)) {
                LOG.debugf("A batch of %d failed (%s); committing its items one by one", pending.size(), failure);
                pending.forEach(p -> run(List.of(p)));
            } else {
                pending.forEach(p -> p.outcome().completeExceptionally(failure));
            }
        }
    }

    /** Invalid data (SQLSTATE class 22) or a violated constraint (23), anywhere in the cause chain. */
    private static boolean dataError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static <I, O> void complete(List<Pending<I, O>> pending, List<O> outcomes) {
        if (outcomes.size() != pending.size()) {
            throw new IllegalStateException(outcomes.size() + " outcomes for " + pending.size() + " items");
        }
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).outcome().complete(outcomes.get(i));
        }
    }
}
