package concurrency.resource;

import java.util.concurrent.CompletableFuture;

/** Something that is released asynchronously: the Java side of Python's {@code __aexit__}. */
public interface AsyncCloseable {

    /** Starts releasing this object and returns a future that completes when it is released. */
    CompletableFuture<Void> closeAsync();
}
