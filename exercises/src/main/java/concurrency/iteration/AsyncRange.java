package concurrency.iteration;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The lesson's {@code AsyncRange}: yields {@code 0, 1, …, n-1}, each one {@code interval} after it is
 * asked for.
 *
 * <p>Python:
 * <pre>
 * async def __anext__(self):
 *     if self.i &gt;= self.n: raise StopAsyncIteration
 *     await asyncio.sleep(0.1)
 *     val = self.i; self.i += 1; return val
 * </pre>
 *
 * <p>Non-blocking: {@link #next()} returns at once and the future completes later through a timer
 * ({@link CompletableFuture#delayedExecutor(long, java.util.concurrent.TimeUnit)}); never
 * {@code Thread.sleep}, {@code join()} or {@code get()}.
 */
public final class AsyncRange implements AsyncIterator<Integer> {

    /**
     * A range of {@code n} numbers, each delivered {@code interval} after {@link #next()} asks for it.
     *
     * @throws IllegalArgumentException if {@code n} or {@code interval} is negative
     * @throws NullPointerException if {@code interval} is null
     */
    public AsyncRange(int n, Duration interval) {
        throw new UnsupportedOperationException(
                "TODO: validate, then keep n and interval in final fields and the position in an int (or AtomicInteger) field");
    }

    /**
     * Returns at once a future that completes {@code interval} later with the next number; once all
     * {@code n} numbers have been handed out, every call returns an already completed future of
     * {@link Optional#empty()}.
     */
    @Override
    public CompletableFuture<Optional<Integer>> next() {
        throw new UnsupportedOperationException(
                "TODO: CompletableFuture.completedFuture(Optional.empty()) when exhausted, else supplyAsync(() -> Optional.of(value), CompletableFuture.delayedExecutor(...))");
    }
}
