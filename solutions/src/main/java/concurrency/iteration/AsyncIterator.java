package concurrency.iteration;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Python's asynchronous iterator: {@link #next()} is {@code __anext__}, an empty {@link Optional} is
 * {@code StopAsyncIteration}, and {@link #forEach} is {@code async for}.
 */
public interface AsyncIterator<T> {

    /** Returns a future of the next element, or of an empty {@code Optional} once the iterator is exhausted. */
    CompletableFuture<Optional<T>> next();

    /**
     * Passes every element to {@code action} in order, asking for the next one only after the previous
     * future completed; completes when the iterator is exhausted, or with the first failure.
     */
    static <T> CompletableFuture<Void> forEach(AsyncIterator<? extends T> iterator, Consumer<? super T> action) {
        Objects.requireNonNull(iterator, "iterator");
        Objects.requireNonNull(action, "action");
        CompletableFuture<Void> finished = new CompletableFuture<>();
        loop(iterator, action, finished);
        return finished;
    }

    /**
     * A trampoline: keeps looping while {@code next()} hands out futures that are already complete (their
     * callback runs inline), and returns as soon as one is pending — its callback then resumes the loop.
     * Either way the stack does not grow per element.
     */
    private static <T> void loop(
            AsyncIterator<? extends T> iterator, Consumer<? super T> action, CompletableFuture<Void> finished) {
        while (true) {
            CompletableFuture<? extends Optional<? extends T>> next;
            try {
                next = Objects.requireNonNull(iterator.next(), "next() returned null");
            } catch (Throwable thrown) {
                finished.completeExceptionally(thrown);
                return;
            }
            // Whoever comes second — this loop or the callback — carries on with the next element.
            AtomicBoolean handedOver = new AtomicBoolean();
            next.whenComplete((element, failure) -> {
                if (accept(element, failure, action, finished) && !handedOver.compareAndSet(false, true)) {
                    loop(iterator, action, finished);
                }
            });
            if (handedOver.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** Hands one element to the action; returns whether to ask for the next one. */
    private static <T> boolean accept(
            Optional<? extends T> element, Throwable failure, Consumer<? super T> action, CompletableFuture<Void> finished) {
        if (failure != null) {
            finished.completeExceptionally(failure);
            return false;
        }
        try {
            if (element.isEmpty()) {
                finished.complete(null);
                return false;
            }
            action.accept(element.get());
            return true;
        } catch (Throwable thrown) { // the action threw, or next() completed with null instead of an Optional
            finished.completeExceptionally(thrown);
            return false;
        }
    }
}
