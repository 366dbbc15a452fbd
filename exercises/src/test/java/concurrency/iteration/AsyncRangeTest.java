package concurrency.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.testing.NotImplementedYet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:iteration")
@ExtendWith(NotImplementedYet.class)
class AsyncRangeTest {

    @Test
    @DisplayName("AsyncRange(3, 50 ms) yields 0, 1, 2 and then an empty Optional, each number about 50 ms after next().")
    void yieldsNumbersThenEmpty() throws Exception {
        AsyncRange range = new AsyncRange(3, Duration.ofMillis(50));
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Optional<Integer> value = range.next().get(5, TimeUnit.SECONDS);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(value.isPresent(), "next() call " + (i + 1) + " of AsyncRange(3, 50 ms) should give a number, but gave"
                    + " an empty Optional after " + values + ". Count up to n before stopping.");
            assertTrue(elapsed >= 45, "next() of AsyncRange(3, 50 ms) should complete about 50 ms after the call, but took "
                    + elapsed + " ms. Let a timer (delayedExecutor) complete it after the interval.");
            values.add(value.get());
        }
        assertEquals(List.of(0, 1, 2), values, "AsyncRange(3, 50 ms) should yield 0, 1, 2, but yielded " + values
                + ". Start at 0 and add one per call.");
        CompletableFuture<Optional<Integer>> after = range.next();
        assertTrue(after.isDone() && after.getNow(Optional.of(-1)).isEmpty(), "next() on an exhausted AsyncRange(3, 50 ms)"
                + " should return an already completed empty Optional, but returned " + after
                + ". Return CompletableFuture.completedFuture(Optional.empty()).");
    }
}
