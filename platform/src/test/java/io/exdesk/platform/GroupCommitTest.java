package io.exdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exdesk.platform.concurrent.GroupCommit;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit without a database: batching, order, failures and stopping. */
class GroupCommitTest {

    /** The batches the committer was given, in order. */
    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstBatchMayFinish = new CountDownLatch(1);
    private GroupCommit<Integer, String> commits;

    @AfterEach
    void stop() {
        firstBatchMayFinish.countDown();
        if (commits != null) {
            commits.stop();
        }
    }

    @Test
    void itemsThatArriveDuringACommitShareTheNextOneInOrder() throws Exception {
        commits = started(256, 100, items -> {
            holdTheFirstBatch();
            return items.stream().map(i -> "ok " + i).toList();
        });
        CompletionStage<String> first = commits.submit(0);
        await().until(() -> batches.size() == 1);
        List<CompletionStage<String>> next = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            next.add(commits.submit(i));
        }
        assertThat(first.toCompletableFuture().isDone()).isFalse();
        firstBatchMayFinish.countDown();

        assertThat(first.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("ok 0");
        for (int i = 1; i <= 50; i++) {
            assertThat(next.get(i - 1).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("ok " + i);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(50).isSorted();
    }

    @Test
    void noBatchIsLargerThanTheMaximum() throws Exception {
        commits = started(8, 100, items -> {
            holdTheFirstBatch();
            return echo(items);
        });
        startTheFirstBatch();
        List<CompletionStage<String>> rest = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            rest.add(commits.submit(i));
        }
        firstBatchMayFinish.countDown();
        CompletableFuture.allOf(rest.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(batches.subList(1, batches.size())).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(8));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(21);
    }

    @Test
    void aDataErrorFailsOnlyTheItemThatCausedIt() throws Exception {
        commits = started(256, 100, items -> {
            holdTheFirstBatch();
            if (items.contains(13)) {
                throw new SQLException("value too long", "22001");
            }
            return echo(items);
        });
        startTheFirstBatch();
        List<CompletionStage<String>> rest = new ArrayList<>();
        for (int i = 10; i < 16; i++) {
            rest.add(commits.submit(i));
        }
        firstBatchMayFinish.countDown();

        for (int i = 10; i < 16; i++) {
            CompletableFuture<String> outcome = rest.get(i - 10).toCompletableFuture();
            if (i == 13) {
                assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SQLException.class);
            } else {
                assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(String.valueOf(i));
            }
        }
        // The batch of six, then each of them alone.
        assertThat(batches.get(1)).containsExactly(10, 11, 12, 13, 14, 15);
        assertThat(batches.subList(2, batches.size())).containsExactly(
                List.of(10), List.of(11), List.of(12), List.of(13), List.of(14), List.of(15));
    }

    @Test
    void anyOtherFailureFailsTheBatchWithoutRetryingItsItems() throws Exception {
        commits = started(256, 100, items -> {
            if (batches.size() == 1) {
                firstBatchMayFinish.await(10, TimeUnit.SECONDS);
                return List.of("first");
            }
            throw new IllegalStateException("database down");
        });
        startTheFirstBatch();
        CompletionStage<String> a = commits.submit(1);
        CompletionStage<String> b = commits.submit(2);
        firstBatchMayFinish.countDown();

        for (CompletionStage<String> outcome : List.of(a, b)) {
            assertThatThrownBy(() -> outcome.toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2));
    }

    @Test
    void overCapacityIsRefusedAtOnce() throws Exception {
        commits = started(256, 3, items -> {
            firstBatchMayFinish.await(10, TimeUnit.SECONDS);
            return echo(items);
        });
        startTheFirstBatch();
        commits.submit(1);
        commits.submit(2);
        commits.submit(3);
        assertThat(commits.waiting()).isEqualTo(3);
        assertThatThrownBy(() -> commits.submit(4)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void stoppingCommitsWhatIsQueuedAndRefusesMore() throws Exception {
        commits = started(256, 100, items -> {
            holdTheFirstBatch();
            return echo(items);
        });
        startTheFirstBatch();
        CompletionStage<String> queued = commits.submit(1);
        Thread stopper = new Thread(commits::stop);
        stopper.start();
        await().untilAsserted(() ->
                assertThatThrownBy(() -> commits.submit(2)).isInstanceOf(RejectedExecutionException.class));
        firstBatchMayFinish.countDown();
        stopper.join(10_000);

        assertThat(queued.toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo("1");
    }

    /** Submits item 0 and waits until its batch is committing (and held). */
    private void startTheFirstBatch() {
        commits.submit(0);
        await().until(() -> batches.size() == 1);
    }

    private static List<String> echo(List<Integer> items) {
        return items.stream().map(String::valueOf).toList();
    }

    /** Keeps the first batch committing until the test lets it finish, so the next items queue up. */
    private void holdTheFirstBatch() throws InterruptedException {
        if (batches.size() == 1) {
            firstBatchMayFinish.await(10, TimeUnit.SECONDS);
        }
    }

    private GroupCommit<Integer, String> started(int maxBatch, int capacity, GroupCommit.Batch<Integer, String> body) {
        GroupCommit<Integer, String> group = GroupCommit.of("test-commits", maxBatch, capacity, items -> {
            batches.add(List.copyOf(items));
            return body.commit(items);
        });
        group.start();
        return group;
    }
}
