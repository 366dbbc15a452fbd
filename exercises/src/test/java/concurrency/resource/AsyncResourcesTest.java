package concurrency.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.testing.NotImplementedYet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:resource")
@ExtendWith(NotImplementedYet.class)
class AsyncResourcesTest {

    private static final Duration LATENCY = Duration.ofMillis(50);

    /** A resource that counts its closeAsync() calls and closes at once. */
    private static final class CountingResource implements AsyncCloseable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public CompletableFuture<Void> closeAsync() {
            closes.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    @DisplayName("useResource(50 ms) acquires, works and releases, and completes with \"Done\" after about 3 latencies.")
    void useResourceReturnsDone() throws Exception {
        long start = System.nanoTime();
        String result = AsyncResources.useResource(LATENCY).get(5, TimeUnit.SECONDS);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("Done", result, "useResource(50 ms) should complete with \"Done\", but completed with \"" + result
                + "\". Return the value of work().");
        assertTrue(elapsed >= 145, "useResource(50 ms) should complete after acquire + work + release (about 150 ms), but"
                + " completed after " + elapsed + " ms. Complete the result only after closeAsync() has completed.");
    }

    @Test
    @DisplayName("An acquired resource is open, work() gives \"Done\", and after closeAsync() it is closed and work() fails.")
    void acquireWorkClose() throws Exception {
        AsyncResource resource = AsyncResource.acquire(LATENCY).get(5, TimeUnit.SECONDS);
        assertTrue(resource.isOpen(), "acquire(50 ms) should complete with an open resource, but isOpen() is false."
                + " A new resource starts open.");
        assertEquals("Done", resource.work().get(5, TimeUnit.SECONDS), "work() on an open resource should complete with"
                + " \"Done\". Check the text.");
        CompletableFuture<Void> closing = resource.closeAsync();
        assertFalse(resource.isOpen(), "isOpen() should be false as soon as closeAsync() has been called, but it is true."
                + " Mark the resource closed inside closeAsync(), before the latency.");
        closing.get(5, TimeUnit.SECONDS);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> resource.work().get(5, TimeUnit.SECONDS),
                "work() on a closed resource should return a failed future, but it completed normally. Check isOpen() first.");
        assertInstanceOf(IllegalStateException.class, thrown.getCause(), "work() on a closed resource should fail with"
                + " IllegalStateException, but failed with " + thrown.getCause() + ". Use CompletableFuture.failedFuture.");
    }

    @Test
    @DisplayName("using closes the resource exactly once when the body's stage fails, and fails with the body's exception.")
    void usingClosesWhenBodyFails() throws Exception {
        CountingResource resource = new CountingResource();
        IllegalStateException boom = new IllegalStateException("work failed");
        CompletableFuture<String> result = AsyncResources.using(CompletableFuture.completedFuture(resource),
                r -> CompletableFuture.<String>failedFuture(boom));
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS),
                "using with a body whose stage fails should fail too, but it completed normally. Pass the body's failure on.");
        assertSame(boom, thrown.getCause(), "using should fail with the body's own exception, but failed with "
                + thrown.getCause() + ". Unwrap CompletionException if needed.");
        assertEquals(1, resource.closes.get(), "using with a failing body should call closeAsync() exactly once, but called it "
                + resource.closes.get() + " times. Close in one place that runs on success and on failure (whenComplete).");
    }

    @Test
    @DisplayName("using never calls the body when acquiring the resource fails, and fails with that exception.")
    void usingSkipsBodyWhenAcquireFails() throws Exception {
        IllegalStateException boom = new IllegalStateException("no connection");
        AtomicInteger bodyCalls = new AtomicInteger();
        CompletableFuture<String> result = AsyncResources.using(CompletableFuture.<CountingResource>failedFuture(boom), r -> {
            bodyCalls.incrementAndGet();
            return CompletableFuture.completedFuture("unexpected");
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS),
                "using with a failed acquisition should fail, but it completed normally. Check the acquisition's failure first.");
        assertSame(boom, thrown.getCause(), "using should fail with the acquisition's own exception, but failed with "
                + thrown.getCause() + ". Unwrap CompletionException if needed.");
        assertEquals(0, bodyCalls.get(), "using with a failed acquisition should never call the body, but called it "
                + bodyCalls.get() + " time(s). There is no resource to give it.");
    }
}
