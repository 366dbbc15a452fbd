package concurrency.iteration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
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

/** AsyncRange: values, spacing, exhaustion, bad arguments, and no sleeping. */
@Tag("task:iteration")
class AsyncRangeHiddenTest {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(2);

    @Test
    @DisplayName("AsyncRange(5, 20 ms) yields 0, 1, 2, 3, 4 and then an empty Optional.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "The lesson's AsyncRange: yields 0, 1, …, n-1, each one interval after it is asked for.")
    void yieldsZeroToNMinusOne() throws Exception {
        AsyncRange range = create(5, 20);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Optional<Integer> next = next(range, "next() call " + (i + 1) + " on AsyncRange(5, 20 ms)");
            if (next == null || next.isEmpty()) {
                break;
            }
            values.add(next.get());
        }
        assertEquals(List.of(0, 1, 2, 3, 4), values, "AsyncRange(5, 20 ms) should yield 0, 1, 2, 3, 4 and then an empty"
                + " Optional, but yielded " + values + ". Start at 0, add one per next() and stop at n.");
    }

    @Test
    @DisplayName("Each next() of AsyncRange returns at once and completes one interval after it was called, however late it is called.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "A range of n numbers, each delivered interval after next asks for it.")
    void eachElementComesOneIntervalAfterItIsAskedFor() throws Exception {
        next(create(1, 1), "next() on AsyncRange(1, 1 ms)"); // warm-up: class loading does not count against the timed calls
        AsyncRange range = create(3, 80);
        Thread.sleep(150); // an element is due one interval after it is asked for, not after the range was created
        for (int i = 0; i < 3; i++) {
            String scenario = "next() call " + (i + 1) + " on AsyncRange(3, 80 ms)" + (i == 0 ? ", 150 ms after it was created" : "");
            Stopwatch clock = Stopwatch.start();
            Watched<CompletableFuture<Optional<Integer>>> call = WaitingStudentThreads.watch("concurrency.iteration",
                    CALL_LIMIT, scenario, "Return the future at once.", range::next);
            CompletableFuture<Optional<Integer>> next = call.value();
            AtomicLong completedAt = new AtomicLong(-1);
            CompletableFuture<Optional<Integer>> observed = next == null ? null
                    : next.whenComplete((value, failure) -> completedAt.set(clock.millis()));
            Optional<Integer> value = AsyncResults.value(observed, LIMIT, scenario, "Complete it after the interval.");
            assertEquals(Optional.of(i), value, scenario + " should give " + i + ", but gave " + value + ".");
            assertTrue(call.waiting().isEmpty(), scenario + " should return at once, without waiting, but "
                    + call.waiting().orElse("") + " waited during the call (" + call.millis() + " ms). Let"
                    + " CompletableFuture.delayedExecutor do the waiting, starting when next() is called.");
            assertTrue(completedAt.get() >= 79 && completedAt.get() <= 1000, scenario + " should complete about 80 ms after"
                    + " the call, but completed after " + completedAt.get() + " ms. Start the interval when next() is"
                    + " called (like asyncio.sleep inside __anext__).");
        }
    }

    @Test
    @DisplayName("Once exhausted, every next() returns an already completed empty Optional, and AsyncRange(0, …) is exhausted at once.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "once all n numbers have been handed out, every call returns an already completed future of empty.")
    void exhaustedStaysEmpty() throws Exception {
        AsyncRange range = create(2, 10);
        next(range, "next() call 1 on AsyncRange(2, 10 ms)");
        next(range, "next() call 2 on AsyncRange(2, 10 ms)");
        for (int i = 3; i <= 6; i++) {
            String scenario = "next() call " + i + " on the exhausted AsyncRange(2, 10 ms)";
            assertCompletedEmpty(AllowedTime.within(CALL_LIMIT, scenario, "Return a completed future.", range::next), scenario);
        }
        AsyncRange empty = create(0, 100);
        String scenario = "next() on AsyncRange(0, 100 ms)";
        assertCompletedEmpty(AllowedTime.within(CALL_LIMIT, scenario, "Return a completed future.", empty::next), scenario);
    }

    @Test
    @DisplayName("new AsyncRange rejects a negative n or interval with IllegalArgumentException and a null interval with NullPointerException.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "@throws IllegalArgumentException if n or interval is negative")
    void rejectsBadArguments() {
        assertAll("new AsyncRange with bad arguments",
                () -> BadArguments.expect(IllegalArgumentException.class, "n", "new AsyncRange(-1, 10 ms)",
                        () -> new AsyncRange(-1, Duration.ofMillis(10))),
                () -> BadArguments.expect(IllegalArgumentException.class, "interval", "new AsyncRange(3, -10 ms)",
                        () -> new AsyncRange(3, Duration.ofMillis(-10))),
                () -> BadArguments.expect(NullPointerException.class, "interval", "new AsyncRange(3, null)", () -> new AsyncRange(3, null)));
    }

    @Test
    @DisplayName("AsyncRange never calls Thread.sleep, join() or get(), and the iteration package never sleeps.")
    @Graded(points = 0.5, kind = Kind.API,
            requirement = "Non-blocking: next returns at once and the future completes later through a timer (delayedExecutor); never Thread.sleep, join() or get().")
    void noSleepJoinOrGet() throws Exception {
        AsyncRange range = create(1, 10);
        assertEquals(Optional.of(0), next(range, "next() on AsyncRange(1, 10 ms)"),
                "next() on AsyncRange(1, 10 ms) should give 0. Start at 0.");
        var classes = TaskClasses.of("concurrency.iteration");
        List<String> sleeps = BlockingCalls.find(classes, method -> true, EnumSet.of(BlockingCalls.Kind.SLEEP));
        assertTrue(sleeps.isEmpty(), "AsyncRange and forEach should never sleep, but " + String.join("; ", sleeps)
                + ". Wait with CompletableFuture.delayedExecutor: a sleeping thread is what async iteration avoids.");
        List<String> waits = BlockingCalls.reachableFrom(classes, Set.of("next", "<init>"), Set.of("forEach"),
                EnumSet.of(BlockingCalls.Kind.WAIT_FOR_FUTURE));
        assertTrue(waits.isEmpty(), "AsyncRange should never wait for a future, but " + String.join("; ", waits)
                + ". Return the timer's future from next() instead of waiting for it.");
    }

    static AsyncRange create(int n, long intervalMillis) throws Exception {
        String scenario = "new AsyncRange(" + n + ", " + intervalMillis + " ms)";
        return AllowedTime.within(CALL_LIMIT, scenario, "The constructor only stores its arguments.",
                () -> new AsyncRange(n, Duration.ofMillis(intervalMillis)));
    }

    private static Optional<Integer> next(AsyncRange range, String scenario) throws Exception {
        CompletableFuture<Optional<Integer>> next = AllowedTime.within(CALL_LIMIT, scenario, "Return the future at once.",
                range::next);
        return AsyncResults.value(next, LIMIT, scenario, "Complete it after the interval.");
    }

    private static void assertCompletedEmpty(CompletableFuture<Optional<Integer>> next, String scenario) {
        boolean done = next != null && next.isDone() && !next.isCompletedExceptionally();
        Optional<Integer> value = done ? next.getNow(null) : null;
        assertTrue(done && value != null && value.isEmpty(), scenario + " should return an already completed future of an"
                + " empty Optional, but returned " + (done ? "a future of " + value : String.valueOf(next))
                + ". Return CompletableFuture.completedFuture(Optional.empty()) once all n numbers are handed out.");
    }
}
