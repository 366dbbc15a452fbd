package concurrency.counter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hook that {@link InstrumentingLoader} puts around every memory access and call in the student's counter
 * classes, so that a test can stop one chosen thread at one chosen step of {@code increment()}.
 *
 * <p>Public only because the instrumented classes live in another class loader (and so in another runtime
 * package); nothing outside the hidden counter tests uses it.
 */
public final class PausePoints {

    private static final List<String> DESCRIPTIONS = new CopyOnWriteArrayList<>();

    private static volatile Thread target;
    private static volatile int pauseAt;
    private static final AtomicInteger reachedByTarget = new AtomicInteger();
    private static volatile CountDownLatch paused = new CountDownLatch(1);
    private static volatile CountDownLatch resume = new CountDownLatch(1);
    private static volatile int pausedAt = -1;

    private PausePoints() {
    }

    /** Registers a point when a class is instrumented; returns its id. */
    static synchronized int register(String description) {
        DESCRIPTIONS.add(description);
        return DESCRIPTIONS.size() - 1;
    }

    static String describe(int id) {
        return id >= 0 && id < DESCRIPTIONS.size() ? DESCRIPTIONS.get(id) : "an unknown point";
    }

    /**
     * Arms the hook: {@code thread} pauses at the {@code step}-th point it reaches (1-based; 0 = never pauses,
     * only counts).
     */
    static void arm(Thread thread, int step) {
        reachedByTarget.set(0);
        pausedAt = -1;
        paused = new CountDownLatch(1);
        resume = new CountDownLatch(1);
        pauseAt = step;
        target = thread;
    }

    static void disarm() {
        target = null;
        resume.countDown();
    }

    /** How many points the armed thread has reached so far. */
    static int reached() {
        return reachedByTarget.get();
    }

    /** Waits until the armed thread is paused; false if it was not within the time. */
    static boolean awaitPaused(long millis) throws InterruptedException {
        return paused.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The id of the point where the armed thread paused, or -1. */
    static int pausedAt() {
        return pausedAt;
    }

    static void resume() {
        resume.countDown();
    }

    /** Called by instrumented code at point {@code id}. */
    public static void reached(int id) {
        if (Thread.currentThread() != target) {
            return;
        }
        if (reachedByTarget.incrementAndGet() != pauseAt) {
            return;
        }
        pausedAt = id;
        paused.countDown();
        try {
            // Bounded, so that a mistake here can never hang a test.
            resume.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
