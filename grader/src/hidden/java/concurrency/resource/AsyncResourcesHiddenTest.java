package concurrency.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import kit.testing.AllowedTime;
import kit.testing.AsyncResults;
import kit.testing.BadArguments;
import kit.testing.BlockingCalls;
import kit.testing.Graded;
import kit.testing.Kind;
import kit.testing.Stopwatch;
import kit.testing.TaskClasses;
import kit.testing.WaitingStudentThreads;
import kit.testing.WaitingStudentThreads.Watched;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code using} with an instrumented resource and stages the test completes by hand: when the body runs,
 * when the close happens, how often, and what the result is on every path.
 */
@Tag("task:resource")
class AsyncResourcesHiddenTest {

    private static final String PACKAGE = "concurrency.resource";
    private static final Duration CALL_LIMIT = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(2);
    /** Time given to a wrong implementation to do something it should not (close early, close twice, complete early). */
    private static final long GRACE_MILLIS = 25;

    /** An AsyncCloseable whose close the test completes by hand, counting the calls. */
    static final class FakeResource implements AsyncCloseable {
        final AtomicInteger closes = new AtomicInteger();
        final CompletableFuture<Void> closing = new CompletableFuture<>();

        @Override
        public CompletableFuture<Void> closeAsync() {
            closes.incrementAndGet();
            return closing;
        }
    }

    @Test
    @DisplayName("using calls the body once with the resource, closes it only after the body's stage completed, and completes with the body's value after the close.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "Runs body with the resource that acquiring produces and closes that resource exactly once, after the body's stage has settled.")
    void valuePath() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        Run run = Run.start("using(resource, body whose stage completes later with \"value\")", r -> work);
        run.settleBody(() -> work.complete("value"));
        CompletableFuture<String> result = run.finishClose(null);
        String value = AsyncResults.value(result, LIMIT, run.scenario, "Complete the result after the close.");
        assertEquals("value", value, run.scenario + " should complete with the body's value \"value\", but completed with \""
                + value + "\". Pass the body's value on.");
        run.assertClosedOnce();
    }

    @Test
    @DisplayName("using closes the resource exactly once when the body's stage fails, and fails with the body's exception.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Whatever it does — returns a stage that succeeds or fails, throws an exception, or returns null (treat that as a NullPointerException) — wait until that stage has settled, then call closeAsync() exactly once.")
    void failedStage() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        IllegalStateException boom = new IllegalStateException("work failed");
        Run run = Run.start("using(resource, body whose stage fails later)", r -> work.thenApply(value -> value));
        run.settleBody(() -> work.completeExceptionally(boom));
        CompletableFuture<String> result = run.finishClose(null);
        Throwable failure = AsyncResults.failure(result, LIMIT, run.scenario, "Pass the body's failure on.");
        assertSame(boom, failure, run.scenario + " should fail with the body's own exception, but failed with " + failure
                + ". Unwrap a CompletionException before passing the failure on.");
        run.assertClosedOnce();
    }

    @Test
    @DisplayName("using closes the resource exactly once when the body throws, and fails with that exception.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Whatever it does — returns a stage that succeeds or fails, throws an exception, or returns null (treat that as a NullPointerException) — wait until that stage has settled, then call closeAsync() exactly once.")
    void bodyThrows() throws Exception {
        IllegalStateException boom = new IllegalStateException("body threw");
        Run run = Run.start("using(resource, body that throws)", r -> {
            throw boom;
        });
        CompletableFuture<String> result = run.finishClose(null);
        Throwable failure = AsyncResults.failure(result, LIMIT, run.scenario, "Catch what the body throws.");
        assertSame(boom, failure, run.scenario + " should fail with the exception the body threw, but failed with "
                + failure + ". Call the body in a try/catch and treat a throw like a failed stage.");
        run.assertClosedOnce();
    }

    @Test
    @DisplayName("using closes the resource exactly once when the body returns null, and fails with NullPointerException.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Whatever it does — returns a stage that succeeds or fails, throws an exception, or returns null (treat that as a NullPointerException) — wait until that stage has settled, then call closeAsync() exactly once.")
    void bodyReturnsNull() throws Exception {
        Run run = Run.start("using(resource, body that returns null)", r -> null);
        CompletableFuture<String> result = run.finishClose(null);
        Throwable failure = AsyncResults.failure(result, LIMIT, run.scenario, "A null stage counts as a NullPointerException.");
        assertTrue(failure instanceof NullPointerException, run.scenario + " should fail with NullPointerException, but"
                + " failed with " + failure + ". Treat a null stage like a failed one.");
        run.assertClosedOnce();
    }

    @Test
    @DisplayName("When the body and the close both fail, using fails with the body's exception and the close failure suppressed.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "body failed → the body's exception, with the close failure (if any) added to it with addSuppressed")
    void bodyAndCloseFail() throws Exception {
        IllegalStateException bodyFailure = new IllegalStateException("work failed");
        IllegalArgumentException closeFailure = new IllegalArgumentException("close failed");
        Run run = Run.start("using(resource, body that fails) whose close fails too",
                r -> CompletableFuture.failedFuture(bodyFailure));
        CompletableFuture<String> result = run.finishClose(closeFailure);
        Throwable failure = AsyncResults.failure(result, LIMIT, run.scenario, "Wait for the close, then fail.");
        assertSame(bodyFailure, failure, run.scenario + " should fail with the body's exception, but failed with " + failure
                + ". The body's failure wins, as in try-with-resources.");
        List<Throwable> suppressed = Arrays.asList(bodyFailure.getSuppressed());
        assertTrue(suppressed.contains(closeFailure), run.scenario + " should add the close failure to the body's exception"
                + " as suppressed, but its suppressed exceptions are " + suppressed + ". Call addSuppressed.");
        run.assertClosedOnce();
    }

    @Test
    @DisplayName("When only the close fails (a failed future or a throw), using fails with the close failure.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "only the close failed → the close failure.")
    void onlyCloseFails() throws Exception {
        IllegalArgumentException closeFailure = new IllegalArgumentException("close failed");
        Run run = Run.start("using(resource, body that succeeds) whose close fails",
                r -> CompletableFuture.completedFuture("value"));
        CompletableFuture<String> result = run.finishClose(closeFailure);
        Throwable failure = AsyncResults.failure(result, LIMIT, run.scenario, "A failed close fails the result.");
        assertSame(closeFailure, failure, run.scenario + " should fail with the close failure, but failed with " + failure
                + ". Unwrap a CompletionException before passing the failure on.");
        run.assertClosedOnce();

        IllegalStateException thrown = new IllegalStateException("close threw");
        AtomicInteger closes = new AtomicInteger();
        AsyncCloseable throwing = () -> {
            closes.incrementAndGet();
            throw thrown;
        };
        String scenario = "using(resource whose closeAsync() throws, body that succeeds)";
        CompletableFuture<String> result2 = AllowedTime.within(CALL_LIMIT, scenario, "Return the result future at once.",
                () -> AsyncResources.using(CompletableFuture.completedFuture(throwing),
                        r -> CompletableFuture.completedFuture("value")));
        Throwable failure2 = AsyncResults.failure(result2, LIMIT, scenario, "A closeAsync() that throws is a failed close:"
                + " call it in a try/catch, or the exception is lost inside a callback and the result never completes.");
        assertSame(thrown, failure2, scenario + " should fail with the exception closeAsync() threw, but failed with "
                + failure2 + ". Treat a throwing closeAsync() like a failed one.");
        assertEquals(1, closes.get(), scenario + " should call closeAsync() exactly once, but called it " + closes.get()
                + " times.");
    }

    @Test
    @DisplayName("When acquiring fails, using fails with the same exception and never calls the body.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "If it fails, the result fails with the same exception, and body is never called (there is nothing to close).")
    void acquisitionFails() throws Exception {
        String scenario = "using(acquisition that fails, body)";
        CompletableFuture<FakeResource> acquiring = new CompletableFuture<>();
        AtomicInteger bodyCalls = new AtomicInteger();
        CompletableFuture<String> result = AllowedTime.within(CALL_LIMIT, scenario, "Return the result future at once.",
                () -> AsyncResources.using(acquiring, r -> {
                    bodyCalls.incrementAndGet();
                    return CompletableFuture.completedFuture("unexpected");
                }));
        IllegalStateException boom = new IllegalStateException("no connection");
        AllowedTime.within(CALL_LIMIT, "failing the acquisition", "Callbacks must not block.",
                () -> acquiring.completeExceptionally(boom));
        Throwable failure = AsyncResults.failure(result, LIMIT, scenario, "Fail the result when the acquisition fails.");
        assertSame(boom, failure, scenario + " should fail with the acquisition's own exception, but failed with " + failure
                + ". Unwrap a CompletionException before passing the failure on.");
        Thread.sleep(GRACE_MILLIS);
        assertEquals(0, bodyCalls.get(), scenario + " should never call the body, but called it " + bodyCalls.get()
                + " time(s). There is no resource to give it.");
        BadArguments.expect(NullPointerException.class, "acquiring", "using(null, body)",
                () -> AsyncResources.using(null, r -> CompletableFuture.completedFuture("x")));
        BadArguments.expect(NullPointerException.class, "body", "using(acquiring, null)",
                () -> AsyncResources.using(CompletableFuture.completedFuture(new FakeResource()), null));
    }

    @Test
    @DisplayName("using and AsyncResource never block a thread: calls return at once and no thread waits while stages are pending.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "acquire a resource, run a body with it, and always release it — without ever blocking a thread.")
    void nothingBlocks() throws Exception {
        CompletableFuture<FakeResource> acquiring = new CompletableFuture<>();
        CompletableFuture<String> work = new CompletableFuture<>();
        FakeResource resource = new FakeResource();
        String scenario = "using(pending acquisition, body with a pending stage)";
        CompletableFuture<String> result = quickly(scenario, () -> AsyncResources.using(acquiring, r -> work));
        assertTrue(result != null && !result.isDone(), scenario + " should return a pending future, but returned " + result
                + ". Complete it from callbacks.");
        assertNobodyWaits(scenario + ", while the acquisition is pending");
        quickly("completing the acquisition", () -> acquiring.complete(resource));
        assertNobodyWaits(scenario + ", while the body's stage is pending");
        quickly("completing the body's stage", () -> work.complete("value"));
        AsyncResults.eventually(() -> resource.closes.get() > 0, LIMIT);
        assertNobodyWaits(scenario + ", while the close is pending");
        quickly("completing the close", () -> resource.closing.complete(null));
        AsyncResults.value(result, LIMIT, scenario, "Complete the result after the close.");

        String acquire = "AsyncResource.acquire(100 ms)";
        CompletableFuture<AsyncResource> real = AllowedTime.within(CALL_LIMIT, acquire, "Return the future at once.",
                () -> AsyncResource.acquire(Duration.ofMillis(100)));
        Optional<String> waiting = WaitingStudentThreads.sample(PACKAGE, Duration.ofMillis(400), real::isDone);
        AsyncResults.value(real, LIMIT, acquire, "Complete it after the latency.");
        assertTrue(waiting.isEmpty(), acquire + " should not occupy a thread while it waits, but " + waiting.orElse("")
                + " did. Use CompletableFuture.delayedExecutor instead of Thread.sleep.");
    }

    @Test
    @DisplayName("useResource(200 ms) completes with \"Done\" after about three latencies: acquire, work and release.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "Completes with \"Done\" after about three latencies (acquire, work, release).")
    void useResourceTakesThreeLatencies() throws Exception {
        // A first short run loads the classes involved, so that the measured run times the latencies only.
        AsyncResults.value(quickly("useResource(10 ms)", () -> AsyncResources.useResource(Duration.ofMillis(10))), LIMIT,
                "useResource(10 ms)", "Acquire, work, release.");
        // 200 ms latencies: closing while the work still runs saves a whole latency (about 400 ms instead of 600),
        // far more than a busy machine delays a timer, so that shortcut is caught on any load.
        String scenario = "useResource(200 ms)";
        Stopwatch clock = Stopwatch.start();
        CompletableFuture<String> result = quickly(scenario, () -> AsyncResources.useResource(Duration.ofMillis(200)));
        String value = AsyncResults.value(result, LIMIT, scenario, "Acquire, work, release.");
        long elapsed = clock.millis();
        assertEquals("Done", value, scenario + " should complete with \"Done\", but completed with \"" + value + "\".");
        assertTrue(elapsed >= 599, scenario + " should complete after acquire + work + release (600 ms), but completed"
                + " after " + elapsed + " ms. Start each step only when the previous one has completed, and complete the"
                + " result only when closeAsync()'s future has completed.");
        assertTrue(elapsed <= 3000, scenario + " should complete after about 600 ms, but took " + elapsed + " ms. Start"
                + " each step as soon as the previous one completed.");
    }

    @Test
    @DisplayName("AsyncResource and AsyncResources never call Thread.sleep, join() or get(), not even through a method reference.")
    @Graded(points = 0.5, kind = Kind.API,
            requirement = "Non-blocking: every future here completes after the latency through a timer — delayedExecutor — never through Thread.sleep, join() or get().")
    void noSleepJoinOrGet() throws Exception {
        String done = AsyncResults.value(AllowedTime.within(CALL_LIMIT, "useResource(10 ms)", "Return the future at once.",
                () -> AsyncResources.useResource(Duration.ofMillis(10))), LIMIT, "useResource(10 ms)", "Acquire, work, release.");
        assertEquals("Done", done, "useResource(10 ms) should complete with \"Done\", but completed with \"" + done + "\".");
        List<String> blocking = BlockingCalls.find(TaskClasses.of(PACKAGE), method -> true,
                EnumSet.allOf(BlockingCalls.Kind.class));
        assertTrue(blocking.isEmpty(), "AsyncResource and AsyncResources should never block, but " + String.join("; ", blocking)
                + ". Wait with CompletableFuture.delayedExecutor and chain with whenComplete/thenCompose.");
    }

    /** Runs a call that must not wait (using, useResource, or completing a stage whose callbacks using registered). */
    private static <T> T quickly(String what, Callable<T> call) throws Exception {
        Watched<T> watched = WaitingStudentThreads.watch(PACKAGE, CALL_LIMIT, what, "Register callbacks instead of waiting.",
                call);
        assertTrue(watched.waiting().isEmpty(), what + " should return at once, without waiting, but "
                + watched.waiting().orElse("") + " waited during the call (" + watched.millis() + " ms). Register callbacks"
                + " (whenComplete, thenCompose) instead of calling join() or get().");
        return watched.value();
    }

    private static void assertNobodyWaits(String scenario) throws InterruptedException {
        Optional<String> waiting = WaitingStudentThreads.sample(PACKAGE, Duration.ofMillis(50));
        assertTrue(waiting.isEmpty(), scenario + " no thread should wait, but " + waiting.orElse("") + " did. Register"
                + " callbacks (whenComplete, thenCompose) instead of calling join() or get().");
    }

    /** One run of using with a FakeResource, driven step by step. */
    private static final class Run {
        final String scenario;
        final FakeResource resource = new FakeResource();
        final CompletableFuture<FakeResource> acquiring = new CompletableFuture<>();
        final AtomicInteger bodyCalls = new AtomicInteger();
        final AtomicReference<Object> bodyArgument = new AtomicReference<>();
        CompletableFuture<String> result;

        private Run(String scenario) {
            this.scenario = scenario;
        }

        /** Calls using, checks that the body waits for the acquisition, completes it and waits for the body call. */
        static Run start(String scenario, Function<FakeResource, CompletionStage<String>> body) throws Exception {
            Run run = new Run(scenario);
            run.result = AllowedTime.within(CALL_LIMIT, scenario, "Return the result future at once.",
                    () -> AsyncResources.using(run.acquiring, r -> {
                        run.bodyCalls.incrementAndGet();
                        run.bodyArgument.set(r);
                        return body.apply(r);
                    }));
            if (run.result == null) {
                fail(scenario + " should return a future, but returned null.");
            }
            assertEquals(0, run.bodyCalls.get(), scenario + " should call the body only after the acquisition completed, but"
                    + " called it before. Wait for the acquiring stage first.");
            AllowedTime.within(CALL_LIMIT, "completing the acquisition", "Callbacks must not block.",
                    () -> run.acquiring.complete(run.resource));
            if (!AsyncResults.eventually(() -> run.bodyCalls.get() > 0, LIMIT)) {
                fail(scenario + " should call the body once the acquisition completed, but it was not called within "
                        + AllowedTime.seconds(LIMIT) + ". Call the body in a callback of the acquiring stage.");
            }
            assertSame(run.resource, run.bodyArgument.get(), scenario + " should pass the acquired resource to the body,"
                    + " but passed " + run.bodyArgument.get() + ".");
            return run;
        }

        /** Checks that nothing is closed while the body's stage runs, then settles it. */
        void settleBody(AllowedTime.ThrowingRunnable settle) throws Exception {
            Thread.sleep(GRACE_MILLIS);
            assertEquals(0, resource.closes.get(), scenario + " should not close the resource while the body's stage is"
                    + " still running, but closeAsync() was called " + resource.closes.get() + " time(s) before it"
                    + " completed. Close in a callback of the body's stage, not right after calling the body.");
            assertTrue(!result.isDone(), scenario + " should not complete while the body's stage is still running, but it"
                    + " completed: " + result + ". Wait for the body's stage, then for the close.");
            AllowedTime.within(CALL_LIMIT, "settling the body's stage", "Callbacks must not block.", settle);
        }

        /** Waits for the close call, checks the result waits for the close, then completes (or fails) the close. */
        CompletableFuture<String> finishClose(Throwable closeFailure) throws Exception {
            if (!AsyncResults.eventually(() -> resource.closes.get() > 0, LIMIT)) {
                fail(scenario + " should call closeAsync() once the body's stage has settled, but it was not called within "
                        + AllowedTime.seconds(LIMIT) + (result.isDone() ? " and the result completed anyway: " + result : "")
                        + ". Close on every path: value, failed stage, thrown exception, null stage.");
            }
            Thread.sleep(GRACE_MILLIS);
            assertTrue(!result.isDone(), scenario + " should complete only after the close has completed, but it completed"
                    + " while closeAsync()'s future was still pending: " + result + ". Complete the result in a callback"
                    + " of closeAsync()'s future.");
            AllowedTime.within(CALL_LIMIT, "completing the close", "Callbacks must not block.", () -> {
                if (closeFailure == null) {
                    resource.closing.complete(null);
                } else {
                    resource.closing.completeExceptionally(closeFailure);
                }
            });
            return result;
        }

        void assertClosedOnce() throws InterruptedException {
            Thread.sleep(GRACE_MILLIS);
            assertEquals(1, resource.closes.get(), scenario + " should call closeAsync() exactly once, but called it "
                    + resource.closes.get() + " times. Close in one callback that runs on every path (whenComplete or"
                    + " handle), not in several.");
            assertEquals(1, bodyCalls.get(), scenario + " should call the body exactly once, but called it "
                    + bodyCalls.get() + " times.");
        }
    }
}
