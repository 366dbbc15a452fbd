package concurrency.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import kit.testing.AllowedTime;
import kit.testing.AsyncResults;
import kit.testing.Graded;
import kit.testing.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** gather with stages the test completes by hand: order, fail-fast, empty input. */
@Tag("task:gather")
class GatherHiddenTest {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(2);

    @Test
    @DisplayName("gather returns at once and completes with every result in input order, only after the last stage.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Waits (without blocking) for every stage and completes with their results in the order of stages, whatever order they finish in.")
    void keepsInputOrder() throws Exception {
        List<CompletableFuture<String>> stages = pending(5);
        String scenario = "gather of 5 pending stages";
        CompletableFuture<List<String>> all = AllowedTime.within(CALL_LIMIT, scenario,
                "Attach callbacks to the stages; never join() them.", () -> AsyncFetcher.gather(stages));
        assertTrue(all != null && !all.isDone(), scenario + " should return a pending future at once, but returned "
                + all + ". Complete it from the stages' callbacks.");
        int[] order = {3, 0, 4, 1};
        for (int i : order) {
            complete(stages.get(i), "s" + i);
        }
        assertFalse(all.isDone(), scenario + " completed in the order 3, 0, 4, 1 should still wait for stage 2, but it is"
                + " already done with " + all + ". Complete it only when every stage has a result.");
        complete(stages.get(2), "s2");
        List<String> results = AsyncResults.value(all, LIMIT, scenario, "Complete it when the last stage completes.");
        assertEquals(List.of("s0", "s1", "s2", "s3", "s4"), results, scenario + " completed in the order 3, 0, 4, 1, 2 should"
                + " give [s0, s1, s2, s3, s4], but gave " + results + ". Store each result at its stage's index.");

        // 1000 stages completed by 4 threads at once, in shuffled order.
        List<CompletableFuture<Integer>> many = pending(1000);
        CompletableFuture<List<Integer>> gathered = AllowedTime.within(CALL_LIMIT, "gather of 1000 pending stages",
                "Attach callbacks to the stages; never join() them.", () -> AsyncFetcher.gather(many));
        List<Integer> indices = new ArrayList<>(IntStream.range(0, 1000).boxed().toList());
        Collections.shuffle(indices, new Random(42));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> completers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<Integer> share = indices.subList(t * 250, (t + 1) * 250);
            Thread completer = new Thread(() -> {
                try {
                    start.await();
                    share.forEach(i -> many.get(i).complete(i));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "gather-completer-" + t);
            completer.setDaemon(true);
            completers.add(completer);
            completer.start();
        }
        start.countDown();
        for (Thread completer : completers) {
            completer.join(LIMIT.toMillis());
        }
        List<Integer> values = AsyncResults.value(gathered, LIMIT, "gather of 1000 stages completed by 4 threads at once",
                "Store each result at its own index and count the results with an AtomicInteger.");
        List<Integer> expected = IntStream.range(0, 1000).boxed().toList();
        assertEquals(expected, values, "gather of 1000 stages completed by 4 threads at once should give [0, …, 999], but"
                + " the results differ at index " + firstDifference(expected, values) + ". Store each result at its own"
                + " index of an array and publish the list when an AtomicInteger counts down to 0.");
    }

    @Test
    @DisplayName("gather fails with the first failure as soon as it happens, without waiting for the stages still running.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Fail fast: as soon as any stage fails, the returned future fails with that exception")
    void failsFast() throws Exception {
        List<CompletableFuture<String>> stages = pending(3);
        String scenario = "gather of 3 stages where stage 1 fails while stages 0 and 2 are still running";
        CompletableFuture<List<String>> all = AllowedTime.within(CALL_LIMIT, scenario,
                "Attach callbacks to the stages; never join() them.", () -> AsyncFetcher.gather(stages));
        IllegalStateException first = new IllegalStateException("stage 1 failed");
        AllowedTime.within(CALL_LIMIT, "completing stage 1 exceptionally", "A callback must not block.",
                () -> stages.get(1).completeExceptionally(first));
        try {
            Throwable failure = AsyncResults.failure(all, Duration.ofSeconds(1), scenario,
                    "Watch every stage with whenComplete and fail at the first failure; allOf waits for all of them.");
            assertSame(first, failure, scenario + " should fail with stage 1's own exception (the cause of join()'s"
                    + " CompletionException), but failed with " + failure + ". Pass the failure on unchanged"
                    + " (unwrap a CompletionException).");
            stages.get(2).completeExceptionally(new IllegalStateException("stage 2 failed later"));
            assertSame(first, AsyncResults.failureOfDone(all), scenario + " should keep the first failure when another"
                    + " stage fails later, but it changed to " + AsyncResults.failureOfDone(all) + ".");
        } finally {
            stages.get(0).complete("late");
            stages.get(2).complete("late");
        }

        IllegalArgumentException already = new IllegalArgumentException("failed before gather");
        CompletableFuture<String> never = new CompletableFuture<>();
        String scenario2 = "gather of [a pending stage, a stage that has already failed]";
        CompletableFuture<List<String>> early = AllowedTime.within(CALL_LIMIT, scenario2,
                "Attach callbacks to the stages; never join() them.",
                () -> AsyncFetcher.gather(List.of(never, CompletableFuture.failedFuture(already))));
        try {
            Throwable failure = AsyncResults.failure(early, Duration.ofSeconds(1), scenario2,
                    "A stage may have failed before gather was called: its callback then runs at once.");
            assertSame(already, failure, scenario2 + " should fail with that stage's own exception, but failed with "
                    + failure + ". Pass the failure on unchanged.");
        } finally {
            never.complete("late");
        }
    }

    @Test
    @DisplayName("gather of an empty list returns an already completed future of an empty list.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "An empty list gives an already completed future of an empty list.")
    void emptyList() throws Exception {
        CompletableFuture<List<Object>> all = AllowedTime.within(CALL_LIMIT, "gather(List.of())",
                "There is nothing to wait for.", () -> AsyncFetcher.gather(List.of()));
        assertTrue(all != null && all.isDone(), "gather(List.of()) should return an already completed future, but returned "
                + all + ". With no stages there is nothing to wait for: complete it at once.");
        List<Object> results = AsyncResults.value(all, LIMIT, "gather(List.of())", "Complete it with an empty list.");
        assertEquals(List.of(), results, "gather(List.of()) should complete with [], but completed with " + results + ".");
    }

    private static <T> List<CompletableFuture<T>> pending(int n) {
        List<CompletableFuture<T>> stages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            stages.add(new CompletableFuture<>());
        }
        return stages;
    }

    private static <T> void complete(CompletableFuture<T> stage, T value) throws Exception {
        AllowedTime.within(CALL_LIMIT, "completing a stage given to gather", "A callback must not block.",
                () -> stage.complete(value));
    }

    private static int firstDifference(List<Integer> expected, List<Integer> actual) {
        if (actual == null) {
            return 0;
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return i;
            }
        }
        return Math.min(expected.size(), actual.size());
    }
}
