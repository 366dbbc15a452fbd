package concurrency.resource;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Python's {@code async with}: acquire, run a body, and always release — all without blocking a thread. */
public final class AsyncResources {

    private AsyncResources() {}

    /**
     * Waits for {@code acquiring}, runs {@code body} on the resource and closes the resource exactly once
     * after the body's stage has settled; completes after the close with the body's outcome.
     */
    public static <R extends AsyncCloseable, T> CompletableFuture<T> using(
            CompletionStage<? extends R> acquiring, Function<? super R, ? extends CompletionStage<T>> body) {
        Objects.requireNonNull(acquiring, "acquiring");
        Objects.requireNonNull(body, "body");
        CompletableFuture<T> result = new CompletableFuture<>();
        acquiring.whenComplete((resource, acquireFailure) -> {
            if (acquireFailure != null) {
                result.completeExceptionally(unwrap(acquireFailure)); // body is never called
                return;
            }
            run(body, resource).whenComplete((value, bodyFailure) ->
                    close(resource).whenComplete((ignored, closeFailure) ->
                            settle(result, value, unwrap(bodyFailure), unwrap(closeFailure))));
        });
        return result;
    }

    /** The lesson's {@code use_resource}: acquire an {@link AsyncResource}, call {@code work()}, release it. */
    public static CompletableFuture<String> useResource(Duration latency) {
        return using(AsyncResource.acquire(latency), AsyncResource::work);
    }

    /** Calls the body once; a thrown exception or a {@code null} stage becomes a failed stage. */
    private static <R, T> CompletionStage<T> run(Function<? super R, ? extends CompletionStage<T>> body, R resource) {
        try {
            return Objects.requireNonNull(body.apply(resource), "body returned null");
        } catch (Throwable thrown) {
            return CompletableFuture.failedFuture(thrown);
        }
    }

    private static CompletionStage<Void> close(AsyncCloseable resource) {
        try {
            return Objects.requireNonNull(resource.closeAsync(), "closeAsync() returned null");
        } catch (Throwable thrown) { // a close that throws (or returns null) is a failed close
            return CompletableFuture.failedFuture(thrown);
        }
    }

    private static <T> void settle(CompletableFuture<T> result, T value, Throwable bodyFailure, Throwable closeFailure) {
        if (bodyFailure == null && closeFailure == null) {
            result.complete(value);
        } else if (bodyFailure == null) {
            result.completeExceptionally(closeFailure);
        } else {
            if (closeFailure != null && closeFailure != bodyFailure) {
                bodyFailure.addSuppressed(closeFailure);
            }
            result.completeExceptionally(bodyFailure);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException ? failure.getCause() : failure;
    }
}
