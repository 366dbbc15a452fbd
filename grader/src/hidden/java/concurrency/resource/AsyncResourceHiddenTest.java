package concurrency.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import kit.testing.AllowedTime;
import kit.testing.AsyncResults;
import kit.testing.BadArguments;
import kit.testing.Graded;
import kit.testing.Kind;
import kit.testing.PrintedLines;
import kit.testing.Stopwatch;
import kit.testing.WaitingStudentThreads;
import kit.testing.WaitingStudentThreads.Watched;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** AsyncResource: acquire, work and closeAsync, each one latency, and an idempotent close. */
@Tag("task:resource")
class AsyncResourceHiddenTest {

    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final Duration CALL_LIMIT = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(2);

    @Test
    @DisplayName("acquire returns at once and completes with an open resource no earlier than its latency.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "prints Acquiring resource at once and returns a future that completes after latency with a new, open resource.")
    void acquireCompletesAfterTheLatency() throws Exception {
        String scenario = "AsyncResource.acquire(100 ms)";
        warmUp();
        Timed<AsyncResource> acquiring;
        AsyncResource resource;
        try (PrintedLines printed = PrintedLines.record()) {
            acquiring = Timed.call(scenario, () -> AsyncResource.acquire(LATENCY));
            resource = AsyncResults.value(acquiring.future, LIMIT, scenario, "Complete it after the latency.");
            printed.expectLine(scenario, "Acquiring resource", "Acquiring", "resource");
        }
        acquiring.assertReturnedAtOnce(scenario, "Let CompletableFuture.delayedExecutor do the waiting.");
        acquiring.assertCompletedNoEarlierThan(LATENCY, scenario);
        assertTrue(resource != null && resource.isOpen(), scenario + " should complete with an open resource, but it"
                + " completed with " + (resource == null ? "null" : "a closed one") + ". A new resource starts open.");
        BadArguments.expect(NullPointerException.class, "latency", "AsyncResource.acquire(null)",
                () -> AsyncResource.acquire(null));
        BadArguments.expect(IllegalArgumentException.class, "latency", "AsyncResource.acquire(-1 ms)",
                () -> AsyncResource.acquire(Duration.ofMillis(-1)));
    }

    @Test
    @DisplayName("work completes with \"Done\" no earlier than the latency, and its future fails with IllegalStateException once the resource is closed.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "On a closed resource the returned future fails with IllegalStateException (it does not throw).")
    void workCompletesWithDone() throws Exception {
        warmUp();
        AsyncResource resource = acquire();
        String scenario = "work() on a resource acquired with 100 ms";
        Timed<String> working = Timed.call(scenario, resource::work);
        String result = AsyncResults.value(working.future, LIMIT, scenario, "Complete it after the latency.");
        assertEquals("Done", result, scenario + " should complete with \"Done\", but completed with \"" + result + "\".");
        working.assertReturnedAtOnce(scenario, "Let CompletableFuture.delayedExecutor do the waiting.");
        working.assertCompletedNoEarlierThan(LATENCY, scenario);

        AsyncResults.value(resource.closeAsync(), LIMIT, "closeAsync()", "Complete it after the latency.");
        String closedScenario = "work() on a closed resource";
        CompletableFuture<String> refused = AllowedTime.within(CALL_LIMIT, closedScenario,
                "Check isOpen() and return CompletableFuture.failedFuture(new IllegalStateException(...)).", () -> {
                    try {
                        return resource.work();
                    } catch (IllegalStateException thrown) {
                        throw new AssertionError(closedScenario + " should return a failed future, but it threw " + thrown
                                + ". Return CompletableFuture.failedFuture(new IllegalStateException(...)) instead.");
                    }
                });
        Throwable failure = AsyncResults.failure(refused, LIMIT, closedScenario,
                "Return CompletableFuture.failedFuture(new IllegalStateException(...)).");
        assertTrue(failure instanceof IllegalStateException, closedScenario + " should fail with IllegalStateException,"
                + " but failed with " + failure + ". Use new IllegalStateException(...).");
    }

    @Test
    @DisplayName("closeAsync closes the resource at once and completes after the latency; a second call returns an already completed future.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Idempotent: a second call prints nothing and returns an already completed future.")
    void closeAsyncIsIdempotent() throws Exception {
        warmUp();
        AsyncResource resource = acquire();
        String scenario = "closeAsync() on a resource acquired with 100 ms";
        Timed<Void> closing;
        boolean openAfterCall;
        try (PrintedLines printed = PrintedLines.record()) {
            closing = Timed.call(scenario, resource::closeAsync);
            openAfterCall = resource.isOpen();
            AsyncResults.value(closing.future, LIMIT, scenario, "Complete it after the latency.");
            printed.expectLine(scenario, "Releasing resource", "Releasing", "resource");
        }
        assertFalse(openAfterCall, scenario + ": isOpen() should be false as soon as closeAsync() has been called, but it"
                + " was still true. Mark the resource closed in closeAsync() itself, before the latency.");
        closing.assertReturnedAtOnce(scenario, "Let CompletableFuture.delayedExecutor do the waiting.");
        closing.assertCompletedNoEarlierThan(LATENCY, scenario);

        String again = "a second closeAsync() on a closed resource";
        CompletableFuture<Void> second = AllowedTime.within(CALL_LIMIT, again, "Return a completed future.",
                resource::closeAsync);
        assertTrue(second != null && second.isDone() && !second.isCompletedExceptionally(), again + " should return an"
                + " already completed future, but returned " + second + ". Only the first call releases:"
                + " use AtomicBoolean.compareAndSet(true, false) and return CompletableFuture.completedFuture(null) otherwise.");
        assertFalse(resource.isOpen(), again + ": isOpen() should stay false, but it is true. Never reopen a resource.");
    }

    /** Acquires, works and closes once with a tiny latency, so that class loading does not count against timed calls. */
    private static void warmUp() throws Exception {
        CompletableFuture<AsyncResource> acquiring = AllowedTime.within(CALL_LIMIT, "AsyncResource.acquire(1 ms)",
                "Return the future at once.", () -> AsyncResource.acquire(Duration.ofMillis(1)));
        AsyncResource resource = AsyncResults.value(acquiring, LIMIT, "AsyncResource.acquire(1 ms)", "Complete it after the latency.");
        AsyncResults.value(resource.work(), LIMIT, "work() with 1 ms", "Complete it after the latency.");
        AsyncResults.value(resource.closeAsync(), LIMIT, "closeAsync() with 1 ms", "Complete it after the latency.");
    }

    private static AsyncResource acquire() throws Exception {
        String scenario = "AsyncResource.acquire(100 ms)";
        CompletableFuture<AsyncResource> acquiring = AllowedTime.within(CALL_LIMIT, scenario, "Return the future at once.",
                () -> AsyncResource.acquire(LATENCY));
        return AsyncResults.value(acquiring, LIMIT, scenario, "Complete it after the latency.");
    }

    /** A future returned by a call, with when the call returned and when the future completed. */
    private static final class Timed<T> {
        /** Completes like the returned future, once its completion time has been recorded. */
        final CompletableFuture<T> future;
        final Watched<CompletableFuture<T>> call;
        final AtomicLong completedMillis = new AtomicLong(-1);

        private Timed(Watched<CompletableFuture<T>> call, Stopwatch clock) {
            this.call = call;
            CompletableFuture<T> returned = call.value();
            this.future = returned == null ? null
                    : returned.whenComplete((value, failure) -> completedMillis.set(clock.millis()));
        }

        static <T> Timed<T> call(String scenario, java.util.concurrent.Callable<CompletableFuture<T>> call) throws Exception {
            Stopwatch clock = Stopwatch.start();
            return new Timed<>(WaitingStudentThreads.watch("concurrency.resource", CALL_LIMIT, scenario,
                    "Return the future at once.", call), clock);
        }

        void assertReturnedAtOnce(String scenario, String hint) {
            assertTrue(call.waiting().isEmpty(), scenario + " should return at once, without waiting, but "
                    + call.waiting().orElse("") + " waited during the call (" + call.millis() + " ms). " + hint);
        }

        void assertCompletedNoEarlierThan(Duration latency, String scenario) {
            assertTrue(completedMillis.get() >= latency.toMillis() - 1, scenario + " should complete no earlier than "
                    + latency.toMillis() + " ms after the call, but completed after " + completedMillis.get()
                    + " ms. Pass the latency to the timer.");
        }
    }
}
