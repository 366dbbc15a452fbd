package concurrency.counter;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import kit.testing.AllowedTime;
import kit.testing.BadArguments;
import kit.testing.Graded;
import kit.testing.Kind;
import kit.testing.ThreadSnapshot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hidden tests of {@code LockedCounter}: lost updates found deterministically, threads, visibility, lock use. */
@Tag("task:counter")
class LockedCounterHiddenTest {

    private static final Duration LIMIT = Duration.ofSeconds(8);

    @Test
    @DisplayName("runThreads(new LockedCounter(), 4, 100000) returns 400000, in each of 3 runs (a stress test: shown, worth no points).")
    @Graded(points = 0, kind = Kind.CORRECTNESS,
            requirement = "runThreads(new LockedCounter(), 4, 100_000) returns 400000, every time.")
    void fourThreadsCount400000() throws Exception {
        for (int run = 1; run <= 3; run++) {
            long total = AllowedTime.within(LIMIT, "runThreads(new LockedCounter(), 4, 100000)",
                    "Start all threads, then join them all.",
                    () -> LockedCounter.runThreads(new LockedCounter(), 4, 100_000));
            assertEquals(400_000, total, "runThreads(new LockedCounter(), 4, 100000) should count 400000, but run " + run
                    + " returned " + total + ": updates were lost. Is every read-modify-write done while holding the lock?");
        }
    }

    @Test
    @DisplayName("No schedule of two increment() calls loses an update (each step of one call is interrupted by the other).")
    @Graded(points = 2, kind = Kind.CORRECTNESS,
            requirement = "Safe to call from any number of threads at once: no increment is ever lost.")
    void noScheduleLosesAnUpdate() throws Exception {
        // Once directly: a stub fails here as "not implemented", and a plain bug gets a plain message.
        LockedCounter counter = new LockedCounter();
        counter.increment();
        counter.increment();
        assertEquals(2, counter.value(), "2 increment() calls on a new LockedCounter() should give value() 2, but gave "
                + counter.value() + ". Add one per call.");
        OnePreemption.Outcome outcome = AllowedTime.within(LIMIT, "2 threads × 1 increment(), one schedule per step",
                "Release the lock in finally.", OnePreemption::explore);
        OnePreemption.LostUpdate lost = outcome.lost();
        if (lost != null) {
            fail("Thread A called increment() on a new LockedCounter() and was stopped " + lost.where() + " (step "
                    + lost.step() + " of " + lost.steps() + "); meanwhile thread B " + (lost.bFinishedWhileAPaused()
                    ? "ran a whole increment()" : "ran") + "; then A went on. value() should be 2, but was "
                    + lost.value() + ": an update was lost. Read and write the count only between lock() and unlock()"
                    + " of one lock that every call shares.");
        }
        assertTrue(outcome.schedules() > 0, "increment() on a new LockedCounter() should read and write the count,"
                + " but it made no step that could be observed. Keep the count in a field of the counter.");
    }

    @Test
    @DisplayName("increment() reads and writes the count only while holding the lock: an update made outside it is lost.")
    @Graded(points = 2, kind = Kind.CORRECTNESS,
            requirement = "reading the count before lock() or writing it after unlock() is as racy as no lock at all")
    void updatesOutsideTheLockAreLost() throws Exception {
        long afterUnlock = incrementWhileAnotherPauses(SpyLock.Pause.AFTER_UNLOCK);
        assertEquals(2, afterUnlock, "Thread A called increment(), and right after A's unlock() thread B ran a whole"
                + " increment(); then A went on. The count should be 2, but value() returned " + afterUnlock + ": A wrote"
                + " the count after releasing the lock and overwrote B's update. Write the count before unlock().");
        long beforeLock = incrementWhileAnotherPauses(SpyLock.Pause.BEFORE_LOCK);
        assertEquals(2, beforeLock, "Thread A called increment(), and right before A's lock() thread B ran a whole"
                + " increment(); then A went on. The count should be 2, but value() returned " + beforeLock + ": A read"
                + " the count before taking the lock and wrote back a stale value. Read the count after lock().");
    }

    @Test
    @DisplayName("runThreads starts the given number of distinct threads that all run at the same time.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Start every thread before joining any — starting and joining one thread at a time runs them one after another, and then nothing is concurrent.")
    void runThreadsRunsDistinctThreadsAtOnce() throws Exception {
        for (int[] scenario : new int[][] {{3, 2}, {5, 1}}) {
            int threads = scenario[0];
            int perThread = scenario[1];
            RecordingCounter counter = new RecordingCounter(threads);
            Thread caller = Thread.currentThread();
            String call = "runThreads(counter, " + threads + ", " + perThread + ")";
            long total = AllowedTime.within(LIMIT, call, "Start every thread before joining any.",
                    () -> LockedCounter.runThreads(counter, threads, perThread));
            Set<Thread> used = counter.threads();
            assertFalse(used.contains(caller), call + " should increment on new threads, but increment() was called on"
                    + " the caller's thread. Create and start new Threads.");
            assertEquals(threads, used.size(), call + " should increment on " + threads + " distinct threads, but"
                    + " increment() was called on " + used.size() + ". Create one new Thread per thread wanted.");
            assertFalse(counter.neverAllAtOnce(), call + " should run its " + threads + " threads at the same time, but"
                    + " at most " + counter.maxTogether() + " were running at once (waited 2 s for the others). Start all"
                    + " threads in one loop and join them in a second loop.");
            assertEquals(threads * (long) perThread, total, call + " should return " + threads * perThread
                    + ", but returned " + total + ". Return counter.value() after joining every thread.");
        }
    }

    @Test
    @DisplayName("value() sees an increment completed by another thread, even in a JIT-compiled loop.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "It includes every increment that has completed, in whichever thread: read the count while holding the lock.")
    void valueSeesIncrementsOfOtherThreads() throws Exception {
        LockedCounter counter = new LockedCounter();
        assertEquals(0, counter.value(), "A new LockedCounter() should have value() 0, but had " + counter.value()
                + ". Start the count at 0.");
        long[] spins = {0};
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
        Thread reader = new Thread(() -> spins[0] = spinUntilPositive(counter, deadline), "hidden-test-reader");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(300); // long enough for the JIT to compile the reader's loop
        Thread writer = new Thread(counter::increment, "hidden-test-writer");
        writer.start();
        writer.join(2000);
        reader.join(4000);
        assertFalse(reader.isAlive(), "A thread that read value() in a loop should stop when it sees 1, but it was"
                + " still running 4 s later (" + ThreadSnapshot.describe(reader) + "). Read the count under the lock.");
        assertTrue(spins[0] >= 0, "A thread that read value() in a loop should see the increment another thread"
                + " completed, but value() still returned 0 2 s after the increment: without the lock, the"
                + " compiled loop never reads the count again. Take the lock in value() too.");
    }

    @Test
    @DisplayName("new LockedCounter(null) throws NullPointerException, and runThreads with threads < 1 or perThread < 0 throws IllegalArgumentException before starting any thread.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "@throws IllegalArgumentException if threads < 1 or perThread < 0 (checked before any thread is started)")
    void rejectsBadArguments() throws Exception {
        LockedCounter counter = new LockedCounter();
        ThreadSnapshot before = ThreadSnapshot.take();
        assertAll("new LockedCounter and runThreads with bad arguments",
                () -> expectRejected("new LockedCounter(null)", NullPointerException.class, () -> new LockedCounter((Lock) null),
                        "lock"),
                () -> expectRejected("runThreads(null, 2, 10)", NullPointerException.class,
                        () -> LockedCounter.runThreads(null, 2, 10), "counter"),
                () -> expectRejected("runThreads(counter, 0, 10)", IllegalArgumentException.class,
                        () -> LockedCounter.runThreads(counter, 0, 10), "threads", "0"),
                () -> expectRejected("runThreads(counter, -2, 10)", IllegalArgumentException.class,
                        () -> LockedCounter.runThreads(counter, -2, 10), "threads", "-2"),
                () -> expectRejected("runThreads(counter, 2, -1)", IllegalArgumentException.class,
                        () -> LockedCounter.runThreads(counter, 2, -1), "perThread", "-1"),
                () -> {
                    List<Thread> leftOver = before.threadsStillAliveAfter(Duration.ofMillis(300));
                    assertTrue(leftOver.isEmpty(), "runThreads with bad arguments should throw before starting any"
                            + " thread, but these were still alive afterwards: " + ThreadSnapshot.describe(leftOver)
                            + ". Check first.");
                },
                () -> assertEquals(0, counter.value(), "runThreads with bad arguments should not increment, but"
                        + " value() became " + counter.value() + ". Check the arguments before starting threads."));
        long zero = AllowedTime.within(LIMIT, "runThreads(counter, 2, 0)", "0 increments per thread is allowed.",
                () -> LockedCounter.runThreads(counter, 2, 0));
        assertEquals(0, zero, "runThreads(new counter, 2, 0) should return 0, but returned " + zero
                + ". perThread 0 is allowed: the threads do nothing.");
        long one = AllowedTime.within(LIMIT, "runThreads(new counter, 1, 1000)", "1 thread is allowed: only threads < 1 is rejected.",
                () -> LockedCounter.runThreads(new LockedCounter(), 1, 1000));
        assertEquals(1000, one, "runThreads(new counter, 1, 1000) should return 1000, but returned " + one
                + ". threads = 1 is allowed: only threads < 1 is rejected.");
    }

    @Test
    @DisplayName("increment() and value() each take and release the Lock given to the constructor exactly once.")
    @Graded(points = 2, kind = Kind.API,
            requirement = "increment and value each take that lock exactly once")
    void usesTheGivenLockOncePerCall() throws Exception {
        SpyLock lock = new SpyLock();
        LockedCounter counter = new LockedCounter(lock);
        counter.increment();
        long one = counter.value();
        assertEquals(1, one, "One increment() on new LockedCounter(lock) should give value() 1, but gave " + one
                + ". Add one per call.");
        if (lock.acquisitions() != 2 || lock.releases() != 2) {
            String instead = String.join("; ", CounterBytecode.substitutesForTheLock());
            fail("increment() and then value() on new LockedCounter(lock) should call lock() and unlock() on that lock"
                    + " once each per call (2 and 2), but lock() was called " + lock.acquisitions() + " and unlock() "
                    + lock.releases() + " times" + (instead.isEmpty() ? "" : " — " + instead) + ". The exercise is"
                    + " about Lock: keep the given lock in a field and use it in both methods — synchronized,"
                    + " AtomicLong or a lock created per call count correctly but are not what is asked.");
        }
        long total = AllowedTime.within(LIMIT, "runThreads(new LockedCounter(lock), 3, 1000)",
                "Release the lock in finally.", () -> LockedCounter.runThreads(counter, 3, 1000));
        assertEquals(3001, total, "runThreads(new LockedCounter(lock) at 1, 3, 1000) should return 3001, but returned "
                + total + ". Guard the count with the given lock.");
        assertEquals(3003, lock.acquisitions(), "3000 increments and 1 value() from runThreads (after 1 increment and"
                + " 1 value()) should take the given lock 3003 times, but took it " + lock.acquisitions() + " times."
                + " Take it exactly once per call.");
        assertEquals(lock.acquisitions(), lock.releases(), "Every lock() should be matched by one unlock(), but the"
                + " given lock was taken " + lock.acquisitions() + " and released " + lock.releases() + " times."
                + " Release it in a finally block.");
        assertFalse(lock.isHeld(), "After every call has returned the given lock should be free, but it is still held."
                + " Release it in a finally block.");
    }

    @Test
    @DisplayName("increment() and value() release the lock in a finally block, so that an exception cannot leave it held.")
    @Graded(points = 1, kind = Kind.API,
            requirement = "increment and value each take that lock exactly once and release it in a finally block")
    void releasesTheLockInFinally() {
        LockedCounter counter = new LockedCounter(new SpyLock());
        counter.increment();
        assertEquals(1, counter.value(), "One increment() on new LockedCounter(lock) should give value() 1, but gave "
                + counter.value() + ". Add one per call.");
        List<String> leaks = FinallyUnlock.leaks();
        assertTrue(leaks.isEmpty(), "Every lock() should be released in a finally block, so that no path leaves the"
                + " lock held, but " + String.join("; ", leaks) + ". Write lock.lock(); try { … } finally {"
                + " lock.unlock(); }.");
    }

    // ----------------------------------------------------------------------------------------------

    /**
     * Thread A increments while B runs a whole increment at the moment A is paused (before its lock() or after
     * its unlock()); returns the final value, 2 when no update is lost.
     */
    private static long incrementWhileAnotherPauses(SpyLock.Pause where) throws Exception {
        SpyLock lock = new SpyLock(where);
        LockedCounter counter = new LockedCounter(lock);
        Thread a = new Thread(counter::increment, "hidden-test-A");
        a.setDaemon(true);
        lock.pauseThread(a);
        a.start();
        try {
            lock.awaitPausedOrEnded(a, 2000);
            AllowedTime.within(Duration.ofSeconds(4), "thread B's increment() while thread A was paused "
                    + (where == SpyLock.Pause.AFTER_UNLOCK ? "after its unlock()" : "before its lock()"),
                    "Release the lock in finally, and never hold it while another thread is needed.",
                    counter::increment);
        } finally {
            lock.resume();
        }
        a.join(3000);
        assertFalse(a.isAlive(), "Thread A's increment() should finish after it was let go, but it was still running"
                + " 3 s later (" + ThreadSnapshot.describe(a) + "). Release the lock in finally.");
        return counter.value();
    }

    /** Reads value() until it is positive; -1 when the deadline passed first. Kept small so the JIT compiles it. */
    private static long spinUntilPositive(LockedCounter counter, long deadline) {
        long spins = 0;
        while (counter.value() == 0) {
            if ((++spins & 0xFFFF) == 0 && System.nanoTime() > deadline) {
                return -1;
            }
        }
        return spins;
    }

    /** {@code mustMention[0]}, if given, is the parameter a helpful message names (a hint, never graded); the rest is unused. */
    private static void expectRejected(String call, Class<? extends RuntimeException> type,
            AllowedTime.ThrowingRunnable code, String... mustMention) {
        BadArguments.expect(type, mustMention.length == 0 ? null : mustMention[0], call, () -> {
            code.run();
            return null;
        });
    }

    /** Records the threads that increment, and holds each thread's first increment until all are running. */
    static final class RecordingCounter extends LockedCounter {
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        private final CyclicBarrier allRunning;
        private final AtomicBoolean broken = new AtomicBoolean();
        private final AtomicInteger waiting = new AtomicInteger();
        private final AtomicInteger maxWaiting = new AtomicInteger();

        RecordingCounter(int parties) {
            this.allRunning = new CyclicBarrier(parties);
        }

        @Override
        public void increment() {
            if (threads.add(Thread.currentThread()) && !broken.get()) {
                maxWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
                try {
                    allRunning.await(2, TimeUnit.SECONDS);
                } catch (TimeoutException | BrokenBarrierException e) {
                    broken.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    waiting.decrementAndGet();
                }
            }
            super.increment();
        }

        Set<Thread> threads() {
            return Set.copyOf(threads);
        }

        boolean neverAllAtOnce() {
            return broken.get();
        }

        int maxTogether() {
            return maxWaiting.get();
        }
    }
}
