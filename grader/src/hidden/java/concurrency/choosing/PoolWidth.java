package concurrency.choosing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import kit.testing.ThreadSnapshot;

/**
 * Measures how many tasks an executor runs at once, without waiting on a clock when it is right.
 *
 * <p>{@code n} tasks are submitted; each waits on a barrier of {@code n} parties and then holds its thread
 * until released. When the barrier trips, exactly {@code n} tasks are running. Then one more task is
 * submitted while those {@code n} still hold their threads: an executor of exactly {@code n} threads queues
 * it, while a bigger one starts it at once — ThreadPoolExecutor, ForkJoinPool and thread-per-task
 * executors all create that thread inside {@code submit}, so it is visible right after the call, and the
 * extra task, if it starts before the release, sees {@code n} others still inside.
 */
final class PoolWidth {

    /** What was observed. */
    record Result(int expected, boolean filled, int maxAtOnce, List<Thread> threadsCreatedForExtra,
            int activeWhenExtraStarted) {

        /** Whether the executor ran exactly {@code expected} tasks at once. */
        boolean exact() {
            return filled && maxAtOnce == expected && threadsCreatedForExtra.isEmpty()
                    && activeWhenExtraStarted < expected;
        }

        /** The observation in words, for a failure message. */
        String describe() {
            if (!filled) {
                return "only " + maxAtOnce + " of " + expected + " blocking tasks ever ran at the same time";
            }
            if (maxAtOnce > expected) {
                return maxAtOnce + " blocking tasks ran at the same time";
            }
            if (!threadsCreatedForExtra.isEmpty() || activeWhenExtraStarted >= expected) {
                return expected + " tasks were blocked and task " + (expected + 1)
                        + " still started at once (a new thread: " + ThreadSnapshot.describe(threadsCreatedForExtra) + ")";
            }
            return "exactly " + expected + " ran at the same time";
        }
    }

    private PoolWidth() {
    }

    static Result measure(ExecutorService executor, int n, Duration patience) throws Exception {
        CountDownLatch allIn = new CountDownLatch(1);
        CyclicBarrier barrier = new CyclicBarrier(n, allIn::countDown);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(executor.submit(() -> {
                threads.add(Thread.currentThread());
                max.accumulateAndGet(active.incrementAndGet(), Math::max);
                try {
                    barrier.await(patience.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | BrokenBarrierException e) {
                    // fewer than n ran at once; the test thread sees it on allIn
                }
                try {
                    release.await(patience.toMillis() * 2, TimeUnit.MILLISECONDS);
                } finally {
                    active.decrementAndGet();
                }
                return null;
            }));
        }
        boolean filled = allIn.await(patience.toMillis() + 500, TimeUnit.MILLISECONDS);
        List<Thread> created = List.of();
        AtomicInteger activeAtExtra = new AtomicInteger(-1);
        try {
            if (filled) {
                ThreadSnapshot before = ThreadSnapshot.take();
                futures.add(executor.submit(() -> activeAtExtra.set(active.get())));
                created = before.newThreads();
            }
        } finally {
            release.countDown();
        }
        for (Future<?> future : futures) {
            future.get(patience.toMillis() * 3, TimeUnit.MILLISECONDS);
        }
        return new Result(n, filled, max.get(), created, activeAtExtra.get());
    }

    /** Shuts an executor the test got down and waits briefly for its threads. */
    static void stop(ExecutorService executor) throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(2, TimeUnit.SECONDS);
        }
    }
}
