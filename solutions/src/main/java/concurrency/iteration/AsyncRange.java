package concurrency.iteration;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The lesson's {@code AsyncRange}: yields {@code 0 … n-1}, each one {@code interval} after it is asked for. */
public final class AsyncRange implements AsyncIterator<Integer> {

    private final int n;
    private final Duration interval;
    private final AtomicInteger position = new AtomicInteger();

    /** An asynchronous range of {@code n} numbers, one per {@code interval}. */
    public AsyncRange(int n, Duration interval) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, but was " + n);
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, but was " + interval);
        }
        this.n = n;
        this.interval = interval;
    }

    /** Completes with the next number after {@code interval}, or at once with an empty {@code Optional} when exhausted. */
    @Override
    public CompletableFuture<Optional<Integer>> next() {
        int value = position.getAndUpdate(p -> p < n ? p + 1 : p);
        if (value >= n) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> Optional.of(value),
                CompletableFuture.delayedExecutor(interval.toNanos(), TimeUnit.NANOSECONDS));
    }
}
