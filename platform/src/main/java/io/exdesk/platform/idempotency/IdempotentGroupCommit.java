package io.exdesk.platform.idempotency;

import io.exdesk.platform.concurrent.GroupCommit;
import io.exdesk.platform.idempotency.IdempotencyKeys.Completed;
import io.exdesk.platform.idempotency.IdempotentRequests.Outcome;
import io.exdesk.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Creations with an optional {@code Idempotency-Key}, written by group commit: the requests that
 * arrive while one transaction commits are written together in the next, each with its stored
 * response, and each client gets its answer only after that commit. A service hands over the work
 * ({@link #submit}) and a {@link Writer} that writes a batch; everything else happens here.
 *
 * <p>The key protocol is "record the first attempt", not "claim, then complete"
 * ({@link IdempotentRequests}): a key's response is inserted in the transaction that makes its
 * change, so no claim is held in between and a crash leaves nothing behind. A key that another
 * attempt already holds is detected by that insert; its item is not written, and the request is
 * answered from the key's record once the batch has ended: the replay, 422 for another body, 409
 * while that attempt is in flight, or, if that attempt is gone, one more try. A retry while the first
 * attempt is still queued or committing in this instance is 409 at once (the keys in flight here).
 *
 * <p>From {@link GroupCommit}: a batch that fails with an error one item may have caused is retried
 * item by item; over {@code capacity} waiting, a request is refused with 503 and {@code Retry-After};
 * {@link #stop()} refuses new work and commits what is queued.
 *
 * @param <W> the work one request hands over, already validated and prepared on its own thread
 * @param <C> what a piece of work creates, built inside the batch's transaction
 */
public final class IdempotentGroupCommit<W, C> {

    /** Writes a batch; every method but {@link #committed} runs in the batch's one transaction. */
    public interface Writer<W, C> {

        /** What each piece of work creates, in order, with nothing written yet (numbers may be drawn). */
        List<C> prepare(List<W> work) throws Exception;

        /** The response for what was created; stored for the retries of its key. */
        Outcome outcome(C created);

        /** Writes what was prepared, less the items whose key another attempt holds. */
        void write(List<C> created) throws Exception;

        /** After the commit: what was written (e.g. to count it). */
        default void committed(List<C> created) {
        }
    }

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private record Attempt<W>(W work, String clientId, String key, String requestHash) {
    }

    private final IdempotencyKeys keys;
    private final Writer<W, C> writer;
    private final String overloaded;
    private final GroupCommit<Attempt<W>, Optional<Outcome>> commits;
    /** Client and key of this instance's attempts not answered yet: a retry meanwhile is 409. */
    private final Set<String> keysInFlight = ConcurrentHashMap.newKeySet();

    private IdempotentGroupCommit(IdempotencyKeys keys, String name, int maxBatch, int capacity, String overloaded,
                                  Writer<W, C> writer) {
        this.keys = keys;
        this.writer = writer;
        this.overloaded = overloaded;
        this.commits = GroupCommit.of(name, maxBatch, capacity, this::commit);
    }

    /**
     * @param name the commit thread's name
     * @param maxBatch the most items one transaction takes
     * @param capacity the most items that may wait; beyond it a request gets 503
     * @param overloaded the 503's detail, e.g. "Too many tickets are waiting to be saved; retry shortly"
     */
    public static <W, C> IdempotentGroupCommit<W, C> of(IdempotencyKeys keys, String name, int maxBatch,
                                                        int capacity, String overloaded, Writer<W, C> writer) {
        return new IdempotentGroupCommit<>(keys, name, maxBatch, capacity, overloaded, writer);
    }

    public void start() {
        commits.start();
    }

    /** Stops taking work and commits what is already queued. */
    public void stop() {
        commits.stop();
    }

    /** How many items wait for a batch. */
    public int waiting() {
        return commits.waiting();
    }

    /**
     * Creates once per (client, key, request). On the caller's thread: checks the key (400), hashes
     * {@code request}, runs {@code prepare}; then queues the work. Completes with the response on the
     * caller's Vert.x context, if it has one, after the commit.
     *
     * @param key the {@code Idempotency-Key} header value, or null for no idempotency
     * @param request what a retry must repeat to be one, hashed in canonical JSON form
     * @param prepare validates and prepares the work (CPU only; it may throw a 4xx)
     */
    public CompletionStage<Response> submit(String clientId, String key, Object request, Supplier<W> prepare) {
        String hash = null;
        if (key != null) {
            IdempotencyKeys.requireValidKey(key);
            hash = keys.hash(request);
        }
        Attempt<W> attempt = new Attempt<>(prepare.get(), clientId, key, hash);
        Context context = Vertx.currentContext();
        if (key == null) {
            return onContext(context, attempt(attempt, true));
        }
        String inFlight = clientId + '\n' + key;
        if (!keysInFlight.add(inFlight)) {
            throw IdempotencyKeys.inProgress();
        }
        CompletionStage<Response> answer;
        try {
            answer = attempt(attempt, true);
        } catch (RuntimeException refused) {
            keysInFlight.remove(inFlight);
            throw refused;
        }
        return onContext(context, answer.whenComplete((response, failure) -> keysInFlight.remove(inFlight)));
    }

    /** Queues the attempt for the next batch. */
    private CompletionStage<Response> attempt(Attempt<W> attempt, boolean mayRetry) {
        CompletionStage<Optional<Outcome>> committed;
        try {
            committed = commits.submit(attempt);
        } catch (RejectedExecutionException e) {
            throw ProblemException.unavailable(overloaded, RETRY_AFTER);
        }
        return committed.thenCompose(outcome -> outcome.isPresent()
                ? CompletableFuture.completedFuture(outcome.get().toResponse())
                : answerTaken(attempt, mayRetry));
    }

    /**
     * Answers an attempt whose key its batch found taken, from the key's record; on a worker thread,
     * since reading it may wait for a row lock.
     */
    private CompletionStage<Response> answerTaken(Attempt<W> attempt, boolean mayRetry) {
        return CompletableFuture.supplyAsync(
                () -> keys.answerTaken(attempt.clientId(), attempt.key(), attempt.requestHash()),
                Infrastructure.getDefaultWorkerPool()
        ).thenCompose(answer -> {
            if (answer.isPresent()) {
                return CompletableFuture.completedFuture(answer.get());
            }
            // The attempt that held the key is gone (rolled back, or abandoned): this one may go ahead.
            return mayRetry ? attempt(attempt, false) : CompletableFuture.failedFuture(IdempotencyKeys.inProgress());
        });
    }

    /** One batch, one transaction: each attempt's outcome, or empty when its key was taken. */
    private List<Optional<Outcome>> commit(List<Attempt<W>> attempts) {
        List<C> written = new ArrayList<>(attempts.size());
        List<Optional<Outcome>> outcomes = QuarkusTransaction.requiringNew().call(() -> {
            List<C> created = writer.prepare(attempts.stream().map(Attempt::work).toList());
            if (created.size() != attempts.size()) {
                throw new IllegalStateException(created.size() + " prepared for " + attempts.size() + " items");
            }
            List<Outcome> built = new ArrayList<>(attempts.size());
            List<Completed> keyed = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                Attempt<W> attempt = attempts.get(i);
                Outcome outcome = writer.outcome(created.get(i));
                built.add(outcome);
                if (attempt.key() != null) {
                    keyed.add(new Completed(attempt.clientId(), attempt.key(), attempt.requestHash(), outcome));
                }
            }
            Set<Outcome> taken = Collections.newSetFromMap(new IdentityHashMap<>());
            keys.insertCompleted(keyed).forEach(c -> taken.add(c.outcome()));
            List<Optional<Outcome>> result = new ArrayList<>(attempts.size());
            for (int i = 0; i < attempts.size(); i++) {
                if (taken.contains(built.get(i))) {
                    result.add(Optional.empty());
                } else {
                    result.add(Optional.of(built.get(i)));
                    written.add(created.get(i));
                }
            }
            writer.write(written);
            return result;
        });
        writer.committed(written);
        return outcomes;
    }

    /** The commit thread completes the batch; the response goes on on the request's own event loop. */
    private static <T> CompletionStage<T> onContext(Context context, CompletionStage<T> stage) {
        if (context == null) {
            return stage;
        }
        CompletableFuture<T> resumed = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> context.runOnContext(ignored -> {
            if (failure != null) {
                resumed.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                resumed.complete(value);
            }
        }));
        return resumed;
    }
}
