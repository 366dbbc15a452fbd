package kit.testing;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An instrumented callback that proves how many calls run at the same time, without trusting a clock.
 *
 * <p>Call {@link #enter()} inside the task a student's pool runs. Every call waits on a barrier of
 * {@code expected} parties: when the pool really runs {@code expected} tasks at once, the barrier trips in
 * milliseconds; a smaller pool (or sequential code) leaves the barrier waiting until {@code patience} has
 * passed, which the probe records. After the barrier a call stays inside for {@code linger}, so that a pool
 * that is too big is seen running more than {@code expected} at once. Correct code never waits for
 * {@code patience}; it pays {@code linger} once per wave.
 */
public final class ConcurrencyProbe {

    private final int expected;
    private final Duration patience;
    private final Duration linger;
    private final CyclicBarrier barrier;
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger maxInside = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean barrierBroken = new AtomicBoolean();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /**
     * @param expected how many calls should run at once
     * @param patience how long a call waits for the others before the probe gives up on the barrier
     * @param linger how long a call stays inside after the barrier tripped
     */
    public ConcurrencyProbe(int expected, Duration patience, Duration linger) {
        this.expected = expected;
        this.patience = patience;
        this.linger = linger;
        this.barrier = new CyclicBarrier(expected);
    }

    /** Records one call: waits for {@code expected - 1} others, lingers, and leaves. */
    public void enter() throws InterruptedException {
        calls.incrementAndGet();
        threads.add(Thread.currentThread());
        int now = inside.incrementAndGet();
        maxInside.accumulateAndGet(now, Math::max);
        try {
            if (!barrierBroken.get()) {
                barrier.await(patience.toMillis(), TimeUnit.MILLISECONDS);
            }
            Thread.sleep(linger.toMillis());
        } catch (TimeoutException | BrokenBarrierException e) {
            barrierBroken.set(true);
        } finally {
            inside.decrementAndGet();
        }
    }

    /** The largest number of calls that were inside at the same time. */
    public int maxConcurrent() {
        return maxInside.get();
    }

    /** Whether some call waited {@code patience} in vain: fewer than {@code expected} ever ran at once. */
    public boolean barrierNeverFilled() {
        return barrierBroken.get();
    }

    /** How many calls were made. */
    public int calls() {
        return calls.get();
    }

    /** The distinct threads that made calls. */
    public Set<Thread> threads() {
        return Set.copyOf(threads);
    }

    /** How many calls should run at once. */
    public int expected() {
        return expected;
    }
}
