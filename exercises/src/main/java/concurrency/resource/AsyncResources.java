package concurrency.resource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Python's {@code async with} for {@link CompletableFuture}s: acquire a resource, run a body with it,
 * and always release it — without ever blocking a thread.
 *
 * <p>Python:
 * <pre>
 * async def use_resource():
 *     async with AsyncResource() as res:
 *         return await res.work()
 * </pre>
 */
public final class AsyncResources {

    private AsyncResources() {}

    /**
     * Runs {@code body} with the resource that {@code acquiring} produces and closes that resource
     * exactly once, after the body's stage has settled. Returns at once.
     *
     * <ol>
     *   <li>Wait (with a callback) for {@code acquiring}. If it fails, the result fails with the same
     *       exception, and {@code body} is never called (there is nothing to close).</li>
     *   <li>Call {@code body} once with the resource. Whatever it does — returns a stage that succeeds
     *       or fails, throws an exception, or returns {@code null} (treat that as a
     *       {@link NullPointerException}) — wait until that stage has settled, then call
     *       {@code closeAsync()} exactly once.</li>
     *   <li>Complete the result only after the close future has completed:
     *       <ul>
     *         <li>body succeeded, close succeeded → the body's value;</li>
     *         <li>body failed → the body's exception, with the close failure (if any) added to it with
     *             {@link Throwable#addSuppressed} — like try-with-resources;</li>
     *         <li>only the close failed → the close failure.</li>
     *       </ul>
     *       A {@code closeAsync()} that throws instead of returning a failed future has failed too.</li>
     * </ol>
     *
     * <p>Pitfalls: closing as soon as {@code body} returns (its stage may still be running); closing
     * twice (once in a success path and once in a failure path); forgetting the path where
     * {@code body} throws instead of returning a failed stage; letting a close failure replace the
     * body's failure; calling {@code join()} or {@code get()} anywhere here. In a callback a failure
     * may arrive wrapped in a {@link java.util.concurrent.CompletionException}: use its cause.
     *
     * @throws NullPointerException if {@code acquiring} or {@code body} is null
     */
    public static <R extends AsyncCloseable, T> CompletableFuture<T> using(
            CompletionStage<? extends R> acquiring, Function<? super R, ? extends CompletionStage<T>> body) {
        throw new UnsupportedOperationException(
                "TODO: create a CompletableFuture<T> result; acquiring.whenComplete(...) → call body in try/catch → whenComplete on its stage → closeAsync().whenComplete(...) → complete the result");
    }

    /**
     * The lesson's {@code use_resource}: {@code using(AsyncResource.acquire(latency), AsyncResource::work)}.
     * Completes with {@code "Done"} after about three latencies (acquire, work, release).
     */
    public static CompletableFuture<String> useResource(Duration latency) {
        throw new UnsupportedOperationException(
                "TODO: return using(AsyncResource.acquire(latency), AsyncResource::work)");
    }
}
