package concurrency.gather;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Asyncio's {@code fetch_url}, {@code gather} and the "Async vs Sync" comparison with
 * {@link CompletableFuture}s: waiting is a timer, not a sleeping thread.
 */
public final class AsyncFetcher {

    /** One simulated request: a page name and how long the server takes to answer. */
    public record Request(String name, Duration delay) {}

    private AsyncFetcher() {}

    /** Prints {@code Fetching <name>...} and returns a future that completes after {@code delay}. */
    public static CompletableFuture<String> fetchUrl(String name, Duration delay) {
        Objects.requireNonNull(name, "name");
        Executor afterDelay = after(delay, "delay");
        System.out.println("Fetching " + name + "...");
        return CompletableFuture.supplyAsync(() -> {
            System.out.println("Completed " + name);
            return "Data from " + name;
        }, afterDelay);
    }

    /** Completes with every stage's result in input order, or with the first failure as soon as it occurs. */
    public static <T> CompletableFuture<List<T>> gather(List<? extends CompletionStage<? extends T>> stages) {
        Objects.requireNonNull(stages, "stages");
        stages.forEach(stage -> Objects.requireNonNull(stage, "stages must not contain null"));
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        Object[] results = new Object[stages.size()];
        AtomicInteger remaining = new AtomicInteger(results.length);
        if (results.length == 0) {
            all.complete(List.of());
        }
        for (int i = 0; i < results.length; i++) {
            int index = i;
            stages.get(i).whenComplete((value, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(failure); // fail fast: the others are not awaited
                    return;
                }
                results[index] = value;
                // decrementAndGet orders every result write before the last decrement, which publishes them
                if (remaining.decrementAndGet() == 0) {
                    all.complete(readOnly(results));
                }
            });
        }
        return all;
    }

    /** Fetches one request after the other: each fetch starts only when the previous one completed. */
    public static CompletableFuture<List<String>> fetchSequentially(List<Request> requests) {
        validate(requests);
        CompletableFuture<List<String>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (Request request : requests) {
            chain = chain.thenCompose(results -> fetchUrl(request.name(), request.delay())
                    .thenApply(data -> {
                        results.add(data);
                        return results;
                    }));
        }
        return chain.thenApply(List::copyOf);
    }

    /** Starts every fetch at once and gathers the results in request order. */
    public static CompletableFuture<List<String>> fetchConcurrently(List<Request> requests) {
        validate(requests);
        return gather(requests.stream().map(r -> fetchUrl(r.name(), r.delay())).toList());
    }

    /** Blocking downloads one after another, as in the lesson's {@code sync_download_all}. */
    public static List<Integer> downloadAllSync(int n, Duration latency) throws InterruptedException {
        requireCount(n);
        requireLatency(latency, "latency");
        List<Integer> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Thread.sleep(latency.toMillis());
            results.add(i);
        }
        return results;
    }

    /** Non-blocking downloads all started at once, as in the lesson's {@code async_download_all}. */
    public static CompletableFuture<List<Integer>> downloadAllAsync(int n, Duration latency) {
        requireCount(n);
        Executor afterLatency = after(latency, "latency");
        return gather(IntStream.range(0, n)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> i, afterLatency))
                .toList());
    }

    private static Executor after(Duration delay, String parameter) {
        requireLatency(delay, parameter);
        return CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void requireLatency(Duration delay, String parameter) {
        Objects.requireNonNull(delay, parameter);
        if (delay.isNegative()) {
            throw new IllegalArgumentException(parameter + " must not be negative, but was " + delay);
        }
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, but was " + n);
        }
    }

    private static void validate(List<Request> requests) {
        Objects.requireNonNull(requests, "requests");
        for (Request request : requests) {
            Objects.requireNonNull(request, "requests must not contain null");
            Objects.requireNonNull(request.name(), "request name");
            requireLatency(request.delay(), "request delay");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> readOnly(Object[] results) {
        return Collections.unmodifiableList(Arrays.asList((T[]) results));
    }
}
