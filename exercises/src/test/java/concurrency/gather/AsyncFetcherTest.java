package concurrency.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.gather.AsyncFetcher.Request;
import concurrency.testing.NotImplementedYet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:gather")
@ExtendWith(NotImplementedYet.class)
class AsyncFetcherTest {

    private static final Duration MS_100 = Duration.ofMillis(100);
    private static final Duration MS_200 = Duration.ofMillis(200);

    @Test
    @DisplayName("fetchUrl returns at once and completes with \"Data from <name>\" after its delay.")
    void fetchUrlCompletesAfterItsDelay() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<String> page = AsyncFetcher.fetchUrl("page1", MS_200);
        long returnedAfter = millisSince(start);
        assertTrue(returnedAfter < 100, "fetchUrl(\"page1\", 200 ms) should return at once, but the call took "
                + returnedAfter + " ms. Let a timer (CompletableFuture.delayedExecutor) do the waiting, not Thread.sleep.");
        String data = page.get(5, TimeUnit.SECONDS);
        long completedAfter = millisSince(start);
        assertEquals("Data from page1", data, "fetchUrl(\"page1\", 200 ms) should complete with \"Data from page1\", but it"
                + " completed with \"" + data + "\". Check the text.");
        assertTrue(completedAfter >= 195, "fetchUrl(\"page1\", 200 ms) should complete after its delay, but it completed after "
                + completedAfter + " ms. Is the delay passed to the timer?");
    }

    @Test
    @DisplayName("fetchSequentially of page1 (200 ms) and page2 (100 ms) takes about the sum of the delays.")
    void sequentialTakesTheSum() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<List<String>> results =
                AsyncFetcher.fetchSequentially(List.of(new Request("page1", MS_200), new Request("page2", MS_100)));
        long returnedAfter = millisSince(start);
        assertTrue(returnedAfter < 100, "fetchSequentially of 200 ms + 100 ms should return a future at once, but the call took "
                + returnedAfter + " ms. Chain the fetches with thenCompose instead of calling join().");
        List<String> data = results.get(5, TimeUnit.SECONDS);
        long elapsed = millisSince(start);
        assertEquals(List.of("Data from page1", "Data from page2"), data, "fetchSequentially of page1 and page2 should"
                + " complete with both results in request order, but it completed with " + data + ". Collect each result in turn.");
        assertTrue(elapsed >= 290, "fetchSequentially of 200 ms + 100 ms should take about 300 ms, but took " + elapsed
                + " ms: the fetches overlapped. Start each fetch only when the previous one has completed.");
    }

    @Test
    @DisplayName("fetchConcurrently of page3 (200 ms) and page4 (100 ms) takes about the longest delay, not the sum.")
    void concurrentTakesTheLongest() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<List<String>> results =
                AsyncFetcher.fetchConcurrently(List.of(new Request("page3", MS_200), new Request("page4", MS_100)));
        List<String> data = results.get(5, TimeUnit.SECONDS);
        long elapsed = millisSince(start);
        assertEquals(List.of("Data from page3", "Data from page4"), data, "fetchConcurrently of page3 and page4 should"
                + " complete with both results in request order, but it completed with " + data + ". Keep the input order.");
        assertTrue(elapsed >= 195 && elapsed < 290, "fetchConcurrently of 200 ms + 100 ms should take about 200 ms, but took "
                + elapsed + " ms. Start every fetch before waiting for any of them.");
    }

    @Test
    @DisplayName("gather completes with the results in input order, even when the stages finish in reverse order.")
    void gatherKeepsInputOrder() throws Exception {
        List<CompletableFuture<Integer>> stages = List.of(new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());
        CompletableFuture<List<Integer>> all = AsyncFetcher.gather(stages);
        stages.get(2).complete(3);
        stages.get(1).complete(2);
        assertFalse(all.isDone(), "gather of 3 stages with 2 completed should still be running, but it is done. Wait for every stage.");
        stages.get(0).complete(1);
        List<Integer> results = all.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(1, 2, 3), results, "gather of 3 stages completed in reverse order should give [1, 2, 3], but gave "
                + results + ". Store each result at its stage's index, not in completion order.");
    }

    @Test
    @DisplayName("gather fails as soon as one stage fails, without waiting for the stage that is still running.")
    void gatherFailsFast() throws Exception {
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<List<String>> all = AsyncFetcher.gather(List.of(slow, failing));
        IllegalStateException boom = new IllegalStateException("page2 failed");
        failing.completeExceptionally(boom);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> all.get(1, TimeUnit.SECONDS),
                "gather of a running stage and a failed stage should fail at once, but it did not fail within 1 s."
                        + " Watch each stage with whenComplete instead of waiting for all of them.");
        assertSame(boom, thrown.getCause(), "gather should fail with the stage's own exception, but failed with "
                + thrown.getCause() + ". Complete the result exceptionally with the stage's exception.");
        slow.complete("late");
    }

    @Test
    @DisplayName("downloadAllSync(4, 50 ms) blocks for about 4 × 50 ms and returns [0, 1, 2, 3].")
    void syncDownloadsOneAfterAnother() throws Exception {
        long start = System.nanoTime();
        List<Integer> results = AsyncFetcher.downloadAllSync(4, Duration.ofMillis(50));
        long elapsed = millisSince(start);
        assertEquals(List.of(0, 1, 2, 3), results, "downloadAllSync(4, 50 ms) should return [0, 1, 2, 3], but returned "
                + results + ". Add i after each download.");
        assertTrue(elapsed >= 195, "downloadAllSync(4, 50 ms) should block for about 200 ms, but returned after " + elapsed
                + " ms. Sleep once per download, one after another.");
    }

    @Test
    @DisplayName("downloadAllAsync(20, 100 ms) completes with [0, …, 19] after about one latency, not 20.")
    void asyncDownloadsOverlap() throws Exception {
        long start = System.nanoTime();
        List<Integer> results = AsyncFetcher.downloadAllAsync(20, MS_100).get(5, TimeUnit.SECONDS);
        long elapsed = millisSince(start);
        List<Integer> expected = IntStream.range(0, 20).boxed().collect(Collectors.toList());
        assertEquals(expected, results, "downloadAllAsync(20, 100 ms) should complete with [0, …, 19], but completed with "
                + results + ". Gather the downloads in input order.");
        assertTrue(elapsed >= 95 && elapsed < 400, "downloadAllAsync(20, 100 ms) should take about 100 ms, but took " + elapsed
                + " ms. Start all 20 with a timer each; no thread should sleep.");
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
