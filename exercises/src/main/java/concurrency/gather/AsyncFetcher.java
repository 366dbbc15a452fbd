package concurrency.gather;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Fetches pages asynchronously: the lesson's {@code fetch_url}, {@code asyncio.gather} and the
 * "Async vs Sync performance" comparison, built on {@link CompletableFuture}.
 *
 * <p>Python: {@code await asyncio.sleep(delay)} waits without occupying the event loop, so
 * {@code asyncio.gather(fetch_url("page3", 2), fetch_url("page4", 1))} takes about 2 s, not 3 s.
 *
 * <p>In Java the waiting is done by a timer: {@link CompletableFuture#delayedExecutor(long,
 * java.util.concurrent.TimeUnit)} (or a {@link java.util.concurrent.ScheduledExecutorService}) runs a
 * task after the delay, and no thread sleeps in the meantime. That is why thousands of fetches can be
 * in flight at once on a handful of threads.
 *
 * <p>Rules for every method except {@link #downloadAllSync}:
 * <ul>
 *   <li>Return a future at once; never call {@code Thread.sleep}, and never wait for a future with
 *       {@code join()} or {@code get()} — chain with {@code thenCompose}, {@code thenApply},
 *       {@code whenComplete} instead.</li>
 *   <li>Pitfall: {@code CompletableFuture.supplyAsync(() -> { Thread.sleep(...); ... })} is not
 *       non-blocking: it only moves the sleeping to a pool thread, and a pool has few threads (the
 *       common pool has one fewer than the CPUs), so 1000 such fetches take minutes.</li>
 * </ul>
 *
 * <p>Bad input: a {@code null} argument or list element → {@link NullPointerException} naming the
 * parameter; a negative {@code Duration} or count → {@link IllegalArgumentException} naming the
 * parameter and its value. A list of requests is checked whole before its first fetch starts.
 */
public final class AsyncFetcher {

    /** One simulated request: a page name and how long the server takes to answer. */
    public record Request(String name, Duration delay) {}

    private AsyncFetcher() {}

    /**
     * Starts a simulated HTTP request and returns at once.
     *
     * <p>Prints {@code Fetching <name>...} now; the returned future completes {@code delay} later with
     * {@code "Data from " + name}, printing {@code Completed <name>} at that moment. No thread sleeps or
     * waits in between.
     *
     * <p>Python: {@code async def fetch_url(name, delay)} with {@code await asyncio.sleep(delay)}.
     *
     * @throws NullPointerException if {@code name} or {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public static CompletableFuture<String> fetchUrl(String name, Duration delay) {
        throw new UnsupportedOperationException(
                "TODO: print, then return CompletableFuture.supplyAsync(() -> ..., CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS))");
    }

    /**
     * Waits (without blocking) for every stage and completes with their results in the order of
     * {@code stages}, whatever order they finish in.
     *
     * <p>Fail fast: as soon as any stage fails, the returned future fails with that exception (its
     * {@code join()} throws a {@code CompletionException} whose cause is the original exception) —
     * without waiting for the stages that are still running. An empty list gives an already completed
     * future of an empty list.
     *
     * <p>Python: {@code asyncio.gather(*aws)}.
     *
     * <p>Pitfall: {@code CompletableFuture.allOf(...)} alone waits for every stage, even after one has
     * failed; attach a callback to each stage (e.g. {@code whenComplete}) so a failure is seen at once.
     *
     * @throws NullPointerException if {@code stages} or one of its elements is null
     */
    public static <T> CompletableFuture<List<T>> gather(List<? extends CompletionStage<? extends T>> stages) {
        throw new UnsupportedOperationException(
                "TODO: create a CompletableFuture for the result, then whenComplete on each stage: store the value at its index and complete when the last one arrives, or completeExceptionally on the first failure");
    }

    /**
     * Fetches the requests one after another: each fetch starts only when the previous one has completed.
     * Returns at once; the future completes with the results in request order after about the sum of
     * the delays.
     *
     * <p>Python: {@code r1 = await fetch_url("page1", 2); r2 = await fetch_url("page2", 1)} — about 3 s.
     *
     * <p>Pitfall: calling {@code fetchUrl(...).join()} in a loop gives the right timing but blocks the
     * caller — chain the fetches with {@code thenCompose} instead.
     */
    public static CompletableFuture<List<String>> fetchSequentially(List<Request> requests) {
        throw new UnsupportedOperationException(
                "TODO: start from CompletableFuture.completedFuture(new ArrayList<>()) and chain one thenCompose(... fetchUrl ...) per request");
    }

    /**
     * Starts every fetch at once and gathers the results in request order. Returns at once; the future
     * completes after about the longest delay.
     *
     * <p>Python: {@code r3, r4 = await asyncio.gather(fetch_url("page3", 2), fetch_url("page4", 1))} —
     * about 2 s.
     */
    public static CompletableFuture<List<String>> fetchConcurrently(List<Request> requests) {
        throw new UnsupportedOperationException(
                "TODO: call fetchUrl for every request first, then pass the list of futures to gather");
    }

    /**
     * Downloads {@code n} items one after another with a blocking wait of {@code latency} each, and
     * returns {@code [0, 1, …, n-1]} after about {@code n × latency}. This is the only method here that
     * sleeps.
     *
     * <p>Python: {@code sync_download_all()} with {@code time.sleep(0.5)} — about 5 s for 10 items.
     *
     * @throws InterruptedException if interrupted while sleeping (let it propagate)
     */
    public static List<Integer> downloadAllSync(int n, Duration latency) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: a loop with Thread.sleep(latency.toMillis()) that adds i to a list");
    }

    /**
     * Starts {@code n} non-blocking downloads of {@code latency} each at once and returns at once; the
     * future completes with {@code [0, 1, …, n-1]} after about one latency, even for n = 100.
     *
     * <p>Python: {@code async_download_all()} with {@code asyncio.gather(*tasks)} — about 0.5 s for 10 items.
     */
    public static CompletableFuture<List<Integer>> downloadAllAsync(int n, Duration latency) {
        throw new UnsupportedOperationException(
                "TODO: create n futures with supplyAsync(() -> i, CompletableFuture.delayedExecutor(...)) and gather them");
    }
}
