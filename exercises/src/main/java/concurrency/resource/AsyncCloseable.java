package concurrency.resource;

import java.util.concurrent.CompletableFuture;

/**
 * Something that is released asynchronously — the Java side of Python's {@code __aexit__}.
 *
 * <p>{@link AsyncResources#using} calls {@link #closeAsync()} exactly once when the body is done. This
 * interface is complete: there is nothing to implement here.
 */
public interface AsyncCloseable {

    /**
     * Starts releasing this object and returns a future that completes when it is released (or fails
     * if releasing failed). Must not block.
     */
    CompletableFuture<Void> closeAsync();
}
