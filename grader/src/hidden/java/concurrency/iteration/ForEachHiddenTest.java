package concurrency.iteration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import kit.testing.AllowedTime;
import kit.testing.AsyncResults;
import kit.testing.BadArguments;
import kit.testing.Graded;
import kit.testing.Kind;
import kit.testing.Stopwatch;
import kit.testing.WaitingStudentThreads;
import kit.testing.WaitingStudentThreads.Watched;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** AsyncIterator.forEach with instrumented iterators: order, one next() at a time, failures, stack safety, no blocking. */
@Tag("task:iteration")
class ForEachHiddenTest {

    private static final String PACKAGE = "concurrency.iteration";
    private static final Duration CALL_LIMIT = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(2);
    /** Time given to a wrong implementation to do something it should not (ask ahead, go on after a failure). */
    private static final long GRACE_MILLIS = 25;

    /** Hands out futures that the test completes by hand, and notes every next() made while an earlier one was pending. */
    static final class HandIterator implements AsyncIterator<Integer> {
        final List<CompletableFuture<Optional<Integer>>> handedOut = new CopyOnWriteArrayList<>();
        final AtomicInteger overlapping = new AtomicInteger();

        @Override
        public CompletableFuture<Optional<Integer>> next() {
            if (handedOut.stream().anyMatch(f -> !f.isDone())) {
                overlapping.incrementAndGet();
            }
            CompletableFuture<Optional<Integer>> future = new CompletableFuture<>();
            handedOut.add(future);
            return future;
        }

        int calls() {
            return handedOut.size();
        }
    }

    /** Yields 0 … size-1 (then empty) as already completed futures, counting the calls. */
    static final class CompletedIterator implements AsyncIterator<Integer> {
        private final int size;
        final AtomicInteger calls = new AtomicInteger();

        CompletedIterator(int size) {
            this.size = size;
        }

        @Override
        public CompletableFuture<Optional<Integer>> next() {
            int i = calls.getAndIncrement();
            return CompletableFuture.completedFuture(i < size ? Optional.of(i) : Optional.empty());
        }
    }

    @Test
    @DisplayName("forEach passes every element in order, whether its future was already complete or completes later on another thread.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Passes every element of iterator to action, in order, and returns at once a future that completes when the iterator is exhausted (async for).")
    void passesElementsInOrder() throws Exception {
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "forEach-hidden-test-completer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            AtomicInteger calls = new AtomicInteger();
            AsyncIterator<Integer> mixed = () -> {
                int i = calls.getAndIncrement();
                Optional<Integer> element = i < 20 ? Optional.of(i) : Optional.empty();
                if (i % 2 == 0) {
                    return CompletableFuture.completedFuture(element);
                }
                CompletableFuture<Optional<Integer>> future = new CompletableFuture<>();
                later.schedule(() -> future.complete(element), 3, TimeUnit.MILLISECONDS);
                return future;
            };
            String scenario = "forEach over 0 … 19 (even elements already complete, odd ones completed 3 ms later by another thread)";
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> done = forEach(scenario, mixed, seen::add);
            AsyncResults.value(done, LIMIT, scenario, "Complete the result when next() gives an empty Optional.");
            List<Integer> expected = IntStream.range(0, 20).boxed().toList();
            assertEquals(expected, seen, scenario + " should pass 0 … 19 in order, but passed " + seen
                    + ". Hand each element to the action before asking for the next one.");
        } finally {
            later.shutdownNow();
        }

        CompletedIterator none = new CompletedIterator(0);
        AtomicInteger actions = new AtomicInteger();
        CompletableFuture<Void> empty = forEach("forEach over an empty iterator", none, x -> actions.incrementAndGet());
        AsyncResults.value(empty, LIMIT, "forEach over an empty iterator", "Complete the result at the first empty Optional.");
        assertEquals(0, actions.get(), "forEach over an empty iterator should never call the action, but called it "
                + actions.get() + " times.");
        BadArguments.expect(NullPointerException.class, "iterator", "AsyncIterator.forEach(null, action)",
                () -> AsyncIterator.forEach(null, x -> { }));
        BadArguments.expect(NullPointerException.class, "action", "AsyncIterator.forEach(iterator, null)",
                () -> AsyncIterator.forEach(new CompletedIterator(1), null));
    }

    @Test
    @DisplayName("forEach calls next() again only after the previous future has completed: never two next() outstanding.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "Call next() again only after the previous future has completed and action has returned: never two next() calls outstanding.")
    void neverTwoNextOutstanding() throws Exception {
        HandIterator iterator = new HandIterator();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        String scenario = "forEach over an iterator whose futures the test completes one by one";
        CompletableFuture<Void> done = forEach(scenario, iterator, seen::add);
        for (int i = 0; i < 3; i++) {
            awaitCalls(iterator, i + 1, scenario);
            Thread.sleep(GRACE_MILLIS);
            assertEquals(i + 1, iterator.calls(), scenario + " should wait for next() future " + (i + 1) + " before calling"
                    + " next() again, but called next() " + iterator.calls() + " times while it was pending. Call next()"
                    + " from the previous future's callback, never ahead.");
            int value = 10 + i;
            CompletableFuture<Optional<Integer>> future = iterator.handedOut.get(i);
            if (i == 1) {
                completeOnAnotherThread(future, Optional.of(value)); // the continuation then runs on that thread
            } else {
                AllowedTime.within(CALL_LIMIT, "completing next() future " + (i + 1), "Callbacks must not block.",
                        () -> future.complete(Optional.of(value)));
            }
        }
        awaitCalls(iterator, 4, scenario);
        AllowedTime.within(CALL_LIMIT, "completing next() future 4 with an empty Optional", "Callbacks must not block.",
                () -> iterator.handedOut.get(3).complete(Optional.empty()));
        AsyncResults.value(done, LIMIT, scenario, "Complete the result when next() gives an empty Optional.");
        Thread.sleep(GRACE_MILLIS);
        assertEquals(0, iterator.overlapping.get(), scenario + " should never call next() while an earlier future is still"
                + " pending, but did so " + iterator.overlapping.get() + " time(s). Ask for the next element only in the"
                + " previous future's callback.");
        assertEquals(4, iterator.calls(), scenario + " should stop calling next() after the empty Optional, but called it "
                + iterator.calls() + " times for 3 elements. Complete the result at the first empty Optional.");
        assertEquals(List.of(10, 11, 12), seen, scenario + " should pass 10, 11, 12 in order, but passed " + seen + ".");
    }

    @Test
    @DisplayName("When next() fails (a failed future or a throw), forEach fails with that exception and calls next() no more.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "If a next() future fails, next() itself throws, or action throws, complete the returned future exceptionally with that exception and call next() no more.")
    void stopsWhenNextFails() throws Exception {
        HandIterator iterator = new HandIterator();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        String scenario = "forEach over an iterator whose 2nd next() future fails";
        CompletableFuture<Void> done = forEach(scenario, iterator, seen::add);
        awaitCalls(iterator, 1, scenario);
        AllowedTime.within(CALL_LIMIT, "completing next() future 1", "Callbacks must not block.",
                () -> iterator.handedOut.get(0).complete(Optional.of(0)));
        awaitCalls(iterator, 2, scenario);
        IllegalStateException boom = new IllegalStateException("connection lost");
        AllowedTime.within(CALL_LIMIT, "failing next() future 2", "Callbacks must not block.",
                () -> iterator.handedOut.get(1).completeExceptionally(boom));
        Throwable failure = AsyncResults.failure(done, LIMIT, scenario, "Complete the result exceptionally when next() fails.");
        assertSame(boom, failure, scenario + " should fail with next()'s own exception, but failed with " + failure
                + ". Pass it on unchanged (unwrap a CompletionException).");
        Thread.sleep(GRACE_MILLIS);
        assertEquals(2, iterator.calls(), scenario + " should not call next() after the failure, but called it "
                + iterator.calls() + " times. Stop at the first failure.");
        assertEquals(List.of(0), seen, scenario + " should pass only 0 to the action, but passed " + seen + ".");

        IllegalArgumentException already = new IllegalArgumentException("failed at once");
        AtomicInteger calls = new AtomicInteger();
        AsyncIterator<Integer> failingAtOnce = () -> calls.getAndIncrement() == 0
                ? CompletableFuture.completedFuture(Optional.of(0))
                : CompletableFuture.failedFuture(already);
        String scenario2 = "forEach over an iterator whose 2nd next() returns an already failed future";
        Throwable failure2 = AsyncResults.failure(forEach(scenario2, failingAtOnce, x -> { }), LIMIT, scenario2,
                "Complete the result exceptionally when next() fails.");
        assertSame(already, failure2, scenario2 + " should fail with next()'s own exception, but failed with " + failure2 + ".");
        Thread.sleep(GRACE_MILLIS);
        assertEquals(2, calls.get(), scenario2 + " should not call next() after the failure, but called it " + calls.get()
                + " times. Stop at the first failure.");

        IllegalStateException thrown = new IllegalStateException("next() threw");
        AtomicInteger throwingCalls = new AtomicInteger();
        CompletableFuture<Optional<Integer>> first = new CompletableFuture<>();
        AsyncIterator<Integer> throwing = () -> {
            if (throwingCalls.getAndIncrement() == 0) {
                return first;
            }
            throw thrown;
        };
        String scenario3 = "forEach over an iterator whose 2nd next() (called when the 1st future completes) throws";
        CompletableFuture<Void> done3 = forEach(scenario3, throwing, x -> { });
        AllowedTime.within(CALL_LIMIT, "completing next() future 1", "Callbacks must not block.",
                () -> first.complete(Optional.of(0)));
        Throwable failure3 = AsyncResults.failure(done3, LIMIT, scenario3,
                "Call next() in a try/catch: an exception thrown inside a callback is lost and the result never completes.");
        assertSame(thrown, failure3, scenario3 + " should fail with the exception next() threw, but failed with " + failure3 + ".");
        Thread.sleep(GRACE_MILLIS);
        assertEquals(2, throwingCalls.get(), scenario3 + " should not call next() after it threw, but called it "
                + throwingCalls.get() + " times.");
    }

    @Test
    @DisplayName("When the action throws, forEach fails with that exception and calls next() no more.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "If a next() future fails, next() itself throws, or action throws, complete the returned future exceptionally with that exception and call next() no more.")
    void stopsWhenActionThrows() throws Exception {
        CompletedIterator iterator = new CompletedIterator(10);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        IllegalStateException boom = new IllegalStateException("no 2, please");
        String scenario = "forEach over 0 … 9 (already complete) whose action throws at 2";
        CompletableFuture<Void> done = forEach(scenario, iterator, n -> {
            seen.add(n);
            if (n == 2) {
                throw boom;
            }
        });
        Throwable failure = AsyncResults.failure(done, LIMIT, scenario, "Catch what the action throws and fail the result.");
        assertSame(boom, failure, scenario + " should fail with the action's own exception, but failed with " + failure
                + ". Pass it on unchanged.");
        Thread.sleep(GRACE_MILLIS);
        assertEquals(List.of(0, 1, 2), seen, scenario + " should stop after 2, but the action got " + seen
                + ". Do not go on after the action threw.");
        assertEquals(3, iterator.calls.get(), scenario + " should call next() 3 times, but called it " + iterator.calls.get()
                + " times. Do not call next() after the action threw.");

        HandIterator pending = new HandIterator();
        IllegalArgumentException first = new IllegalArgumentException("not even the first");
        String scenario2 = "forEach whose action throws at the first element, which arrives later";
        CompletableFuture<Void> done2 = forEach(scenario2, pending, n -> {
            throw first;
        });
        awaitCalls(pending, 1, scenario2);
        AllowedTime.within(CALL_LIMIT, "completing next() future 1", "Callbacks must not block.",
                () -> pending.handedOut.get(0).complete(Optional.of(7)));
        Throwable failure2 = AsyncResults.failure(done2, LIMIT, scenario2, "Catch what the action throws and fail the result.");
        assertSame(first, failure2, scenario2 + " should fail with the action's own exception, but failed with " + failure2 + ".");
        Thread.sleep(GRACE_MILLIS);
        assertEquals(1, pending.calls(), scenario2 + " should not call next() after the action threw, but called it "
                + pending.calls() + " times.");
    }

    @Test
    @DisplayName("forEach over 1,000,000 already completed elements finishes without a StackOverflowError, even on a small stack.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "Stack-safe: an iterator may return futures that are already complete, millions of them.")
    void stackSafe() throws Exception {
        int size = 1_000_000;
        CompletedIterator iterator = new CompletedIterator(size);
        AtomicLong count = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        // 256 KB holds a few thousand nested callbacks at most: a forEach that recurses per element overflows it.
        Thread runner = new Thread(null, () -> {
            try {
                done.set(AsyncIterator.forEach(iterator, n -> {
                    if (n != count.getAndIncrement()) {
                        outOfOrder.incrementAndGet();
                    }
                }));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "forEach-hidden-test-small-stack", 256 * 1024);
        runner.setDaemon(true);
        String scenario = "forEach over 1,000,000 already completed elements on a thread with a 256 KB stack";
        Stopwatch clock = Stopwatch.start();
        runner.start();
        runner.join(6_000);
        Throwable error = thrown.get();
        if (error instanceof UnsupportedOperationException && String.valueOf(error.getMessage()).startsWith("TODO")) {
            throw (UnsupportedOperationException) error;
        }
        if (error != null) {
            fail(scenario + " should not throw, but threw " + error + " after " + count.get() + " elements. Keep a loop"
                    + " going while the futures are already complete instead of recursing per element.", error);
        }
        if (runner.isAlive() || done.get() == null) {
            runner.interrupt();
            fail(scenario + " should return its future at once, but it was still running after 6 s and " + count.get()
                    + " elements. Return the future at once.");
        }
        long left = Math.max(1, 6_000 - clock.millis());
        boolean finished = AsyncResults.eventually(done.get()::isDone, Duration.ofMillis(left));
        if (!finished) {
            fail(scenario + " should complete, but after 6 s it had passed " + count.get() + " elements and was still"
                    + " running (a StackOverflowError inside a callback may have been swallowed). Keep a loop going while"
                    + " the futures are already complete instead of recursing per element.");
        }
        Throwable failure = AsyncResults.failureOfDone(done.get());
        if (failure != null) {
            fail(scenario + " should complete normally, but failed with " + failure + " after " + count.get()
                    + " elements. Keep a loop going while the futures are already complete instead of recursing.", failure);
        }
        assertEquals(size, count.get(), scenario + " should pass 1,000,000 elements, but passed " + count.get() + ".");
        assertEquals(0, outOfOrder.get(), scenario + " should pass the elements in order, but " + outOfOrder.get()
                + " were out of order.");
    }

    @Test
    @DisplayName("forEach never blocks: it returns at once, completing a future returns at once, and no thread waits in between.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Never block: no join(), get() or Thread.sleep on a pending future — continue in a callback (whenComplete) instead.")
    void nothingBlocks() throws Exception {
        HandIterator iterator = new HandIterator();
        String scenario = "forEach over an iterator with pending futures";
        CompletableFuture<Void> done = quickly(scenario, () -> AsyncIterator.forEach(iterator, x -> { }));
        assertTrue(done != null && !done.isDone(), scenario + " should return a pending future, but returned " + done
                + ". Register a callback on the pending future instead of waiting for it.");
        assertNobodyWaits(scenario + ", while next() future 1 is pending");
        for (int i = 0; i < 3; i++) {
            awaitCalls(iterator, i + 1, scenario);
            int index = i;
            quickly("Completing next() future " + (i + 1),
                    () -> iterator.handedOut.get(index).complete(index < 2 ? Optional.of(index) : Optional.empty()));
            if (i < 2) {
                awaitCalls(iterator, i + 2, scenario);
                assertNobodyWaits(scenario + ", while next() future " + (i + 2) + " is pending");
            }
        }
        AsyncResults.value(done, LIMIT, scenario, "Complete the result when next() gives an empty Optional.");

        String range = "forEach over AsyncRange(3, 60 ms)";
        CompletableFuture<Void> overRange = forEach(range, AsyncRangeHiddenTest.create(3, 60), x -> { });
        Optional<String> waiting = WaitingStudentThreads.sample(PACKAGE, Duration.ofMillis(600), overRange::isDone);
        AsyncResults.value(overRange, LIMIT, range, "Complete the result when the range is exhausted.");
        assertTrue(waiting.isEmpty(), range + " should not occupy a thread while it waits, but " + waiting.orElse("")
                + " did. Use CompletableFuture.delayedExecutor instead of sleeping or joining.");
    }

    @Test
    @DisplayName("forEach over AsyncRange(5, 60 ms), started 200 ms after the range was created, passes 0 … 4, each at least 60 ms after forEach asked for it, and takes about 5 × 60 ms.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "A range of n numbers, each delivered interval after next asks for it.")
    void lessonExampleTiming() throws Exception {
        // Measured from each request, not from the range's creation: the 200 ms pause makes a range that counts
        // from its creation deliver its first elements at once, every time, however busy the machine is. A
        // delayed completion never comes early, so the lower bound cannot fail correct code under load.
        String scenario = "forEach over AsyncRange(5, 60 ms), 200 ms after new AsyncRange";
        AsyncRange range = AsyncRangeHiddenTest.create(5, 60);
        Thread.sleep(200);
        TimedIterator timed = new TimedIterator(range);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Stopwatch clock = Stopwatch.start();
        CompletableFuture<Void> done = quickly(scenario, () -> AsyncIterator.forEach(timed, seen::add));
        AsyncResults.value(done, LIMIT, scenario, "Complete the result when the range is exhausted.");
        long elapsed = clock.millis();
        // The range's own callbacks may still be running when forEach's future completes.
        AsyncResults.eventually(() -> !timed.waitsMillis(5).contains(null), LIMIT);
        List<Long> waits = timed.waitsMillis(5);
        List<Long> early = waits.stream().filter(w -> w != null && w < 58).toList();
        assertAll(scenario,
                () -> assertEquals(List.of(0, 1, 2, 3, 4), seen, scenario + " should pass 0 … 4 in order, but passed "
                        + seen + "."),
                () -> assertTrue(early.isEmpty(), scenario + " should complete each element at least 60 ms after"
                        + " next() asked for it, but the waits were " + waits + " ms. Start the interval when next()"
                        + " is called, not when the range was created."),
                () -> assertTrue(elapsed <= 1200, scenario + " should take about 300 ms (one interval per element,"
                        + " one element at a time), but took " + elapsed + " ms. Ask for each element only after the"
                        + " previous one arrived."));
    }

    /** Passes every next() on to {@code range} and notes, per call, how long its future took to complete. */
    static final class TimedIterator implements AsyncIterator<Integer> {
        private final AsyncRange range;
        /** Per call, in call order (a future's callbacks may run after the next call has been made). */
        private final java.util.Map<Integer, Long> waits = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final AtomicInteger calls = new AtomicInteger();

        TimedIterator(AsyncRange range) {
            this.range = range;
        }

        @Override
        public CompletableFuture<Optional<Integer>> next() {
            int call = calls.getAndIncrement();
            long asked = System.nanoTime();
            CompletableFuture<Optional<Integer>> next = range.next();
            if (next != null) {
                next.whenComplete((value, failure) -> waits.put(call, (System.nanoTime() - asked) / 1_000_000));
            }
            return next;
        }

        /** How long each of the first {@code calls} next() futures took, in call order; null while one is pending. */
        List<Long> waitsMillis(int calls) {
            List<Long> first = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                first.add(waits.get(i));
            }
            return first;
        }
    }

    private static <T> CompletableFuture<Void> forEach(String scenario, AsyncIterator<T> iterator, Consumer<? super T> action)
            throws Exception {
        CompletableFuture<Void> done = AllowedTime.within(CALL_LIMIT, scenario,
                "Return the future at once; continue in callbacks.", () -> AsyncIterator.forEach(iterator, action));
        if (done == null) {
            fail(scenario + " should return a future, but returned null.");
        }
        return done;
    }

    /** Runs a call that must not wait (forEach, or completing a future whose callbacks forEach registered). */
    private static <T> T quickly(String what, Callable<T> call) throws Exception {
        Watched<T> watched = WaitingStudentThreads.watch(PACKAGE, CALL_LIMIT, what,
                "Return the future at once; continue in callbacks.", call);
        assertTrue(watched.waiting().isEmpty(), what + " should return at once, without waiting, but "
                + watched.waiting().orElse("") + " waited during the call (" + watched.millis() + " ms). Register a"
                + " callback (whenComplete) instead of calling join() or get().");
        return watched.value();
    }

    private static void awaitCalls(HandIterator iterator, int calls, String scenario) throws InterruptedException {
        if (!AsyncResults.eventually(() -> iterator.calls() >= calls, LIMIT)) {
            fail(scenario + " should call next() again once future " + (calls - 1) + " completed, but next() was called only "
                    + iterator.calls() + " time(s) within " + AllowedTime.seconds(LIMIT) + ". Continue in the future's callback.");
        }
    }

    private static void completeOnAnotherThread(CompletableFuture<Optional<Integer>> future, Optional<Integer> value)
            throws InterruptedException {
        Thread completer = new Thread(() -> future.complete(value), "forEach-hidden-test-completer");
        completer.setDaemon(true);
        completer.start();
        completer.join(LIMIT.toMillis());
    }

    private static void assertNobodyWaits(String scenario) throws InterruptedException {
        Optional<String> waiting = WaitingStudentThreads.sample(PACKAGE, Duration.ofMillis(50));
        assertTrue(waiting.isEmpty(), scenario + " no thread should wait, but " + waiting.orElse("") + " did. Register a"
                + " callback (whenComplete) instead of calling join() or get().");
    }
}
