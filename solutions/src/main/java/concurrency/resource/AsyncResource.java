package concurrency.resource;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The lesson's {@code AsyncResource}: acquiring, working and releasing each take one latency, without a thread waiting. */
public final class AsyncResource implements AsyncCloseable {

    private final Duration latency;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private AsyncResource(Duration latency) {
        this.latency = latency;
    }

    /** Prints {@code Acquiring resource} and completes after {@code latency} with an open resource. */
    public static CompletableFuture<AsyncResource> acquire(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, but was " + latency);
        }
        System.out.println("Acquiring resource");
        return CompletableFuture.supplyAsync(() -> new AsyncResource(latency), after(latency));
    }

    /** Completes with {@code "Done"} after the latency; fails with {@link IllegalStateException} once closed. */
    public CompletableFuture<String> work() {
        if (!open.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("work() called on a closed resource"));
        }
        return CompletableFuture.supplyAsync(() -> "Done", after(latency));
    }

    /** Prints {@code Releasing resource} and completes after the latency; later calls do nothing. */
    @Override
    public CompletableFuture<Void> closeAsync() {
        if (!open.compareAndSet(true, false)) {
            return CompletableFuture.completedFuture(null);
        }
        System.out.println("Releasing resource");
        return CompletableFuture.runAsync(() -> { }, after(latency));
    }

    /** Whether {@link #closeAsync()} has not been called yet. */
    public boolean isOpen() {
        return open.get();
    }

    private static Executor after(Duration latency) {
        return CompletableFuture.delayedExecutor(latency.toNanos(), TimeUnit.NANOSECONDS);
    }
}
