package concurrency.resource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The lesson's {@code AsyncResource}: acquiring, working and releasing each take one latency, and no
 * thread waits during that time.
 *
 * <p>Python:
 * <pre>
 * async def __aenter__(self): print("Acquiring resource"); await asyncio.sleep(0.1); return self
 * async def __aexit__(self, *args): print("Releasing resource"); await asyncio.sleep(0.1)
 * async def work(self): await asyncio.sleep(0.1); return "Done"
 * </pre>
 *
 * <p>Non-blocking: every future here completes after the latency through a timer —
 * {@link CompletableFuture#delayedExecutor(long, java.util.concurrent.TimeUnit)} — never through
 * {@code Thread.sleep}, {@code join()} or {@code get()}.
 *
 * <p>Thread safety: {@link #closeAsync()} and {@link #isOpen()} may be called from any thread; only the
 * first {@code closeAsync()} call releases the resource (an {@link java.util.concurrent.atomic.AtomicBoolean}
 * with {@code compareAndSet} decides which call is first).
 */
public final class AsyncResource implements AsyncCloseable {

    /** Creates an open resource whose operations each take {@code latency}; only {@link #acquire} calls it. */
    private AsyncResource(Duration latency) {
        throw new UnsupportedOperationException(
                "TODO: keep the latency in a final field; the resource starts open (an AtomicBoolean set to true)");
    }

    /**
     * Acquires a resource ({@code __aenter__}): prints {@code Acquiring resource} at once and returns a
     * future that completes after {@code latency} with a new, open resource.
     *
     * @throws NullPointerException if {@code latency} is null
     * @throws IllegalArgumentException if {@code latency} is negative
     */
    public static CompletableFuture<AsyncResource> acquire(Duration latency) {
        throw new UnsupportedOperationException(
                "TODO: print, then CompletableFuture.supplyAsync(() -> new AsyncResource(latency), CompletableFuture.delayedExecutor(...))");
    }

    /**
     * Does the work: returns a future that completes with {@code "Done"} after the latency. On a closed
     * resource the returned future fails with {@link IllegalStateException} (it does not throw).
     */
    public CompletableFuture<String> work() {
        throw new UnsupportedOperationException(
                "TODO: CompletableFuture.failedFuture(new IllegalStateException(...)) when closed, else supplyAsync(() -> \"Done\", delayedExecutor(...))");
    }

    /**
     * Releases the resource ({@code __aexit__}): prints {@code Releasing resource} and returns a future
     * that completes after the latency. {@link #isOpen()} is {@code false} from this call on. Idempotent:
     * a second call prints nothing and returns an already completed future.
     */
    @Override
    public CompletableFuture<Void> closeAsync() {
        throw new UnsupportedOperationException(
                "TODO: if open.compareAndSet(true, false) print and runAsync(() -> {}, delayedExecutor(...)); else CompletableFuture.completedFuture(null)");
    }

    /** Returns whether {@link #closeAsync()} has not been called yet. */
    public boolean isOpen() {
        throw new UnsupportedOperationException("TODO: return the value of the AtomicBoolean");
    }
}
