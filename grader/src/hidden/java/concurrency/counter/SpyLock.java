package concurrency.counter;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Lock} for {@code new LockedCounter(lock)} that counts how often it is taken and released, and can
 * pause one chosen thread once — right before it takes the lock, or right after it has released it — until
 * the test lets it go on.
 *
 * <p>While that thread is paused it holds no lock, so another thread can run a whole {@code increment()}.
 * A counter that reads the count before {@code lock()} or writes it after {@code unlock()} then loses that
 * other increment, every time: the pause turns the race into a certainty.
 */
final class SpyLock implements Lock {

    /** Where the chosen thread pauses. */
    enum Pause { NONE, BEFORE_LOCK, AFTER_UNLOCK }

    private final ReentrantLock delegate = new ReentrantLock();
    private final AtomicInteger acquisitions = new AtomicInteger();
    private final AtomicInteger releases = new AtomicInteger();
    private final Pause pause;
    private final AtomicBoolean pauseUsed = new AtomicBoolean();
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private volatile Thread pausing;

    SpyLock() {
        this(Pause.NONE);
    }

    SpyLock(Pause pause) {
        this.pause = pause;
    }

    /** Chooses the thread that will pause (once). */
    void pauseThread(Thread thread) {
        this.pausing = thread;
    }

    /** Waits until the chosen thread is paused, or until {@code thread} ended without pausing. */
    boolean awaitPausedOrEnded(Thread thread, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (paused.await(2, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!thread.isAlive()) {
                return false;
            }
        }
        return false;
    }

    /** Lets the paused thread go on. */
    void resume() {
        resume.countDown();
    }

    int acquisitions() {
        return acquisitions.get();
    }

    int releases() {
        return releases.get();
    }

    boolean isHeld() {
        return delegate.isLocked();
    }

    @Override
    public void lock() {
        maybePause(Pause.BEFORE_LOCK);
        delegate.lock();
        acquisitions.incrementAndGet();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        maybePause(Pause.BEFORE_LOCK);
        delegate.lockInterruptibly();
        acquisitions.incrementAndGet();
    }

    @Override
    public boolean tryLock() {
        maybePause(Pause.BEFORE_LOCK);
        boolean locked = delegate.tryLock();
        if (locked) {
            acquisitions.incrementAndGet();
        }
        return locked;
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        maybePause(Pause.BEFORE_LOCK);
        boolean locked = delegate.tryLock(time, unit);
        if (locked) {
            acquisitions.incrementAndGet();
        }
        return locked;
    }

    @Override
    public void unlock() {
        releases.incrementAndGet();
        delegate.unlock();
        maybePause(Pause.AFTER_UNLOCK);
    }

    @Override
    public Condition newCondition() {
        return delegate.newCondition();
    }

    private void maybePause(Pause where) {
        if (pause != where || Thread.currentThread() != pausing || !pauseUsed.compareAndSet(false, true)) {
            return;
        }
        paused.countDown();
        try {
            // Bounded, so that a counter that holds some other lock here cannot hang the test.
            resume.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
