package concurrency.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.testing.NotImplementedYet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:iteration")
@ExtendWith(NotImplementedYet.class)
class AsyncIteratorTest {

    /** Yields 0 … size-1, each as an already completed future. */
    private static final class CompletedCounter implements AsyncIterator<Integer> {
        private final int size;
        private int position;

        CompletedCounter(int size) {
            this.size = size;
        }

        @Override
        public CompletableFuture<Optional<Integer>> next() {
            return CompletableFuture.completedFuture(position < size ? Optional.of(position++) : Optional.empty());
        }
    }

    @Test
    @DisplayName("forEach over AsyncRange(5, 50 ms) passes 0 … 4 in order and completes after about 5 × 50 ms.")
    void forEachOverRange() throws Exception {
        List<Integer> seen = new ArrayList<>();
        long start = System.nanoTime();
        AsyncIterator.forEach(new AsyncRange(5, Duration.ofMillis(50)), seen::add).get(5, TimeUnit.SECONDS);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(List.of(0, 1, 2, 3, 4), seen, "forEach over AsyncRange(5, 50 ms) should pass 0 … 4 in order, but passed "
                + seen + ". Hand each element to the action before asking for the next.");
        assertTrue(elapsed >= 245, "forEach over AsyncRange(5, 50 ms) should take about 250 ms, but completed after " + elapsed
                + " ms. Complete the result only when next() gives an empty Optional.");
    }

    @Test
    @DisplayName("forEach stops and fails with the action's exception when the action throws.")
    void forEachStopsWhenActionThrows() throws Exception {
        List<Integer> seen = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("no 2, please");
        CompletableFuture<Void> done = AsyncIterator.forEach(new CompletedCounter(5), n -> {
            seen.add(n);
            if (n == 2) {
                throw boom;
            }
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> done.get(5, TimeUnit.SECONDS),
                "forEach whose action throws at element 2 should fail, but it completed normally. Catch the exception"
                        + " and complete the result exceptionally.");
        assertSame(boom, thrown.getCause(), "forEach should fail with the action's own exception, but failed with "
                + thrown.getCause() + ". Pass the exception on unchanged.");
        assertEquals(List.of(0, 1, 2), seen, "forEach whose action throws at element 2 should stop there, but passed " + seen
                + ". Do not call next() after a failure.");
    }

    @Test
    @DisplayName("forEach over 1,000,000 already completed elements finishes without a StackOverflowError.")
    void forEachIsStackSafe() throws Exception {
        AtomicLong sum = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();
        // A thread with a small stack makes a recursive forEach fail quickly and reliably.
        Thread runner = new Thread(null, () -> {
            try {
                done.set(AsyncIterator.forEach(new CompletedCounter(1_000_000), n -> sum.addAndGet(n)));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "forEach-runner", 256 * 1024);
        runner.setDaemon(true);
        runner.start();
        runner.join(5_000);
        if (failure.get() != null) {
            if (failure.get() instanceof UnsupportedOperationException) {
                throw (UnsupportedOperationException) failure.get();
            }
            throw new AssertionError("forEach over 1,000,000 completed elements should not throw, but threw "
                    + failure.get() + ". Loop while the futures are already done instead of recursing.", failure.get());
        }
        assertTrue(done.get() != null, "forEach over 1,000,000 completed elements should return within 5 s, but it is"
                + " still running. Return the future at once and keep the loop cheap.");
        try {
            done.get().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("forEach over 1,000,000 completed elements should complete within 5 s, but it is still"
                    + " running after " + sum.get() + " elements were summed: a StackOverflowError inside a callback may have"
                    + " been swallowed. Loop while the futures are already done instead of recursing.");
        } catch (ExecutionException e) {
            throw new AssertionError("forEach over 1,000,000 completed elements should complete normally, but failed with "
                    + e.getCause() + ". Loop while the futures are already done instead of recursing.", e.getCause());
        }
        assertEquals(499_999_500_000L, sum.get(), "forEach over 0 … 999999 should pass every element once, but their sum is "
                + sum.get() + " instead of 499999500000. Check that no element is skipped or repeated.");
    }
}
