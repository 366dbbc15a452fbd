package concurrency.iteration;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An asynchronous iterator: Python's {@code __aiter__}/{@code __anext__}, with {@link #forEach} as
 * {@code async for}.
 *
 * <p>{@link #next()} returns a future of the next element; a future of an empty {@link Optional} means
 * the iterator is exhausted (Python raises {@code StopAsyncIteration}).
 *
 * <p>Python:
 * <pre>
 * async for num in AsyncRange(5):
 *     print(num)
 * </pre>
 */
public interface AsyncIterator<T> {

    /**
     * Returns a future of the next element, or of an empty {@code Optional} once the iterator is
     * exhausted ({@code __anext__}). This is the method each iterator implements.
     */
    CompletableFuture<Optional<T>> next();

    /**
     * Passes every element of {@code iterator} to {@code action}, in order, and returns at once a future
     * that completes when the iterator is exhausted ({@code async for}).
     *
     * <ul>
     *   <li>Call {@code next()} again only after the previous future has completed and {@code action}
     *       has returned: never two {@code next()} calls outstanding.</li>
     *   <li>If a {@code next()} future fails, {@code next()} itself throws, or {@code action} throws,
     *       complete the returned future exceptionally with that exception and call {@code next()} no more.
     *       (An exception thrown inside a {@code whenComplete} callback is swallowed by the future that
     *       callback belongs to: catch it yourself, or the returned future never completes.)</li>
     *   <li>Never block: no {@code join()}, {@code get()} or {@code Thread.sleep} on a pending future —
     *       continue in a callback ({@code whenComplete}) instead.</li>
     *   <li>Stack-safe: an iterator may return futures that are already complete, millions of them. A
     *       callback on a completed future runs at once, inside the call that registered it, so "in the
     *       callback, call next() and register the same callback again" recurses one level per element
     *       and ends in a {@link StackOverflowError}. Keep a loop going while the futures are already
     *       complete ({@code isDone()}, {@code getNow}), and only when one is still pending return and
     *       let its callback restart the loop. ({@code thenComposeAsync} also avoids the recursion, at
     *       the price of a thread hop per element.)</li>
     * </ul>
     *
     * <p>This is a {@code static} method of the interface; you may add {@code private static} helper
     * methods to the interface.
     *
     * @throws NullPointerException if {@code iterator} or {@code action} is null
     */
    static <T> CompletableFuture<Void> forEach(AsyncIterator<? extends T> iterator, Consumer<? super T> action) {
        throw new UnsupportedOperationException(
                "TODO: a new CompletableFuture<Void>; a loop that calls next() and goes on while the futures are already done, and otherwise re-enters through whenComplete");
    }
}
