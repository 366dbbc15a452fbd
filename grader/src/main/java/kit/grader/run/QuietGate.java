package kit.grader.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets one run have the grader's test JVMs to itself: every task a test JVM runs, and every compile, holds the
 * gate {@link #shared}; a run that confirms a timing failure holds it {@link #alone}, so that nothing else of
 * this grader runs meanwhile and the second run is timed as if the submission were graded alone.
 *
 * <p>Fair: a waiting {@code alone} holds back new shared holders instead of waiting for a gap that may never
 * come in a busy class. Shared holders hold the gate for one task at a time (its tests are bounded by the
 * per-test limit), so an {@code alone} waits at most about one task. The time the gate was held alone is
 * {@link #pausedNanos()}: a submission's time limit does not count it.
 */
public final class QuietGate {

    /** Work that may throw. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E, InterruptedException;
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final Object clock = new Object();
    private long pausedNanos;
    private long aloneSince = -1;

    /** Runs {@code work} beside other shared holders, never while the gate is held alone. */
    public <T, E extends Exception> T shared(Work<T, E> work) throws E, InterruptedException {
        lock.readLock().lockInterruptibly();
        try {
            return work.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} with the gate to itself once every shared holder has let go; waits at most
     * {@code maxWaitMillis} for them (then runs it anyway). Must not be called while holding the gate.
     *
     * @return what {@code work} returned, and whether it ran alone
     */
    public <T, E extends Exception> Alone<T> alone(long maxWaitMillis, Work<T, E> work) throws E, InterruptedException {
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("alone() called while holding the gate shared");
        }
        boolean locked = lock.writeLock().tryLock(maxWaitMillis, TimeUnit.MILLISECONDS);
        if (locked) {
            synchronized (clock) {
                aloneSince = System.nanoTime();
            }
        }
        try {
            return new Alone<>(work.run(), locked);
        } finally {
            if (locked) {
                synchronized (clock) {
                    pausedNanos += System.nanoTime() - aloneSince;
                    aloneSince = -1;
                }
                lock.writeLock().unlock();
            }
        }
    }

    /** How long, in all, the gate has been held alone (including now). */
    public long pausedNanos() {
        synchronized (clock) {
            return pausedNanos + (aloneSince < 0 ? 0 : System.nanoTime() - aloneSince);
        }
    }

    /**
     * What {@link #alone} gave.
     *
     * @param value what the work returned
     * @param alone whether it ran with the gate to itself (false: the wait was too long)
     */
    public record Alone<T>(T value, boolean alone) {
    }
}
