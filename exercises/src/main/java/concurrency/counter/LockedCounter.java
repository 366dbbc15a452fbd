package concurrency.counter;

import java.util.concurrent.locks.Lock;

/**
 * A counter that many threads may increment at the same time, guarded by a {@link Lock}.
 *
 * <p>Python's {@code with lock: counter += 1} in Java. {@code count++} is not one step: it reads the
 * count, adds one and writes it back. Two threads that read the same value both write that value plus
 * one, and one increment is lost — four threads × 100000 increments then count less than 400000. A
 * lock lets only one thread at a time run the read-add-write.
 *
 * <p>What to build:
 * <ul>
 *   <li>Keep the count in a {@code long} field and the lock in a {@code final Lock} field: the one given
 *       to {@link #LockedCounter(Lock)}, or a new {@link java.util.concurrent.locks.ReentrantLock} for
 *       {@link #LockedCounter()}.
 *   <li>{@link #increment()} and {@link #value()} each take that lock exactly once and release it in a
 *       {@code finally} block:
 *       <pre>{@code
 * lock.lock();
 * try {
 *     // read and/or write the count here, and only here
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 * </ul>
 *
 * <p>Pitfalls: reading the count before {@code lock()} or writing it after {@code unlock()} is as
 * racy as no lock at all; a new lock created inside {@code increment()} protects nothing, because
 * every call gets its own; {@code value()} must take the lock too, otherwise it may not see increments
 * made by other threads. Use the lock — not {@code synchronized} and not {@code AtomicLong}: this
 * exercise is about {@code Lock}, and the graders check that the given lock is the one used.
 */
public class LockedCounter {

    /**
     * Creates a counter at 0, guarded by a new {@link java.util.concurrent.locks.ReentrantLock}.
     */
    public LockedCounter() {
        throw new UnsupportedOperationException(
                "TODO: guard the count with a new ReentrantLock, e.g. this(new ReentrantLock())");
    }

    /**
     * Creates a counter at 0, guarded by {@code lock}: every {@link #increment()} and {@link #value()}
     * takes and releases this lock.
     *
     * @param lock the lock that guards the count
     * @throws NullPointerException if {@code lock} is {@code null} (the message names {@code lock})
     */
    public LockedCounter(Lock lock) {
        throw new UnsupportedOperationException(
                "TODO: keep lock in a final field (Objects.requireNonNull(lock, \"lock\"))");
    }

    /**
     * Adds one to the count. Safe to call from any number of threads at once: no increment is ever lost.
     */
    public void increment() {
        throw new UnsupportedOperationException(
                "TODO: lock.lock(); try { count++; } finally { lock.unlock(); }");
    }

    /**
     * Returns the count. It includes every increment that has completed, in whichever thread: read the
     * count while holding the lock.
     *
     * @return the number of completed increments
     */
    public long value() {
        throw new UnsupportedOperationException(
                "TODO: lock.lock(); try { return count; } finally { lock.unlock(); }");
    }

    /**
     * The lesson's example: creates and starts {@code threads} new {@link Thread}s that each call
     * {@code counter.increment()} {@code perThread} times, then joins them all and returns
     * {@code counter.value()}.
     *
     * <p>Start every thread before joining any — starting and joining one thread at a time runs them one
     * after another, and then nothing is concurrent. {@code runThreads(new LockedCounter(), 4, 100_000)}
     * returns {@code 400000}, every time.
     *
     * <p>One thread is the smallest legal number: runThreads(counter, 1, n) increments n times on one new thread.
     *
     * @param counter the counter to increment
     * @param threads how many threads to start, at least 1
     * @param perThread how many times each thread increments, at least 0
     * @return {@code counter.value()} after every thread has finished
     * @throws NullPointerException if {@code counter} is {@code null}
     * @throws IllegalArgumentException if {@code threads < 1} or {@code perThread < 0} (checked before any
     *     thread is started)
     * @throws InterruptedException if interrupted while joining; let it propagate
     */
    public static long runThreads(LockedCounter counter, int threads, int perThread) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: create and start all threads (new Thread(() -> ...)) in one loop, then join() them all "
                        + "in a second loop, then return counter.value()");
    }
}
