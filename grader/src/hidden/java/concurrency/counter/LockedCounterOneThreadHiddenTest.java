package concurrency.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import kit.testing.AllowedTime;
import kit.testing.Graded;
import kit.testing.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hidden test of {@code LockedCounter.runThreads}' smallest legal number of threads (the boundary of {@code threads < 1}). */
@Tag("task:counter")
class LockedCounterOneThreadHiddenTest {

    @Test
    @DisplayName("runThreads accepts threads = 1 and returns perThread.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "One thread is the smallest legal number: runThreads(counter, 1, n) increments n times on one new thread.")
    void oneThreadIsLegal() throws Exception {
        long total = AllowedTime.within(Duration.ofSeconds(5), "runThreads(new LockedCounter(), 1 thread, 1000)",
                "Reject only threads < 1: one thread is legal.",
                () -> LockedCounter.runThreads(new LockedCounter(), 1, 1000));
        assertEquals(1000, total, "runThreads(new LockedCounter(), 1 thread, 1000) should return 1000, but returned "
                + total + ". threads = 1 is the smallest legal number: only threads < 1 is rejected.");
    }
}
