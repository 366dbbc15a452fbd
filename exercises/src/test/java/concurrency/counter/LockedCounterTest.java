package concurrency.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.testing.NotImplementedYet;
import java.time.Duration;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:counter")
@ExtendWith(NotImplementedYet.class)
class LockedCounterTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    @DisplayName("A new counter starts at 0 and counts each increment.")
    void countsSingleIncrements() {
        LockedCounter counter = new LockedCounter();
        assertEquals(0, counter.value(), "A new LockedCounter should have value() 0, but had " + counter.value()
                + ". Start the count at 0.");
        counter.increment();
        counter.increment();
        counter.increment();
        assertEquals(3, counter.value(), "3 increment() calls on a new counter should give value() 3, but gave "
                + counter.value() + ". Add one per call.");
    }

    @Test
    @DisplayName("4 threads × 100000 increments count 400000, every time (the lesson's example).")
    void fourThreadsCount400000() {
        for (int run = 1; run <= 3; run++) {
            long total = assertTimeoutPreemptively(LIMIT,
                    () -> LockedCounter.runThreads(new LockedCounter(), 4, 100_000));
            assertEquals(400_000, total, "runThreads(new LockedCounter(), 4, 100000) should return 400000, but run "
                    + run + " returned " + total + ": updates were lost. Is every read-modify-write done while"
                    + " holding the lock?");
        }
    }

    @Test
    @DisplayName("A counter built with a given Lock counts with it and leaves it unlocked.")
    void usesTheGivenLock() {
        ReentrantLock lock = new ReentrantLock();
        LockedCounter counter = new LockedCounter(lock);
        long total = assertTimeoutPreemptively(LIMIT, () -> LockedCounter.runThreads(counter, 3, 1000));
        assertEquals(3000, total, "runThreads(new LockedCounter(lock), 3, 1000) should return 3000, but returned "
                + total + ". Guard the count with the given lock.");
        assertTrue(!lock.isLocked(), "After runThreads the given lock should be unlocked, but it is still held."
                + " Release it in a finally block after every lock().");
    }

    @Test
    @DisplayName("The constructor rejects a null lock with NullPointerException.")
    void rejectsNullLock() {
        // Only the exception's type is graded, never the wording of its message.
        assertThrows(NullPointerException.class, () -> new LockedCounter((Lock) null),
                "new LockedCounter(null) should throw NullPointerException. Use Objects.requireNonNull(lock, \"lock\").");
    }

    @Test
    @DisplayName("runThreads rejects 0 threads with IllegalArgumentException.")
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> LockedCounter.runThreads(new LockedCounter(), 0, 10),
                "runThreads(counter, 0, 10) should throw IllegalArgumentException. Check threads >= 1 before"
                        + " starting any thread.");
    }
}
