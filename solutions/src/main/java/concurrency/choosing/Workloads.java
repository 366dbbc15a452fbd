package concurrency.choosing;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Picks a pool that fits the workload: many threads for I/O-bound work, one per core for CPU-bound work. */
public final class Workloads {

    /** A piece of work that may fail. */
    @FunctionalInterface
    public interface Task<T, R> {
        R run(T input) throws Exception;
    }

    private Workloads() {
    }

    /** Simulated I/O: blocks for {@code latency}, then returns {@code item * 2}. */
    public static int ioBoundTask(int item, Duration latency) throws InterruptedException {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, but was " + latency);
        }
        TimeUnit.NANOSECONDS.sleep(latency.toNanos());
        return item * 2;
    }

    /** Number crunching: the exact sum of {@code i * i} for {@code 0 <= i < n}. */
    public static BigInteger cpuBoundTask(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, but was " + n);
        }
        // Add in a long while it cannot overflow and carry into a BigInteger only when it would.
        BigInteger total = BigInteger.ZERO;
        long partial = 0;
        for (long i = 0; i < n; i++) {
            long square = i * i;
            if (partial > Long.MAX_VALUE - square) {
                total = total.add(BigInteger.valueOf(partial));
                partial = 0;
            }
            partial += square;
        }
        return total.add(BigInteger.valueOf(partial));
    }

    /**
     * Returns a new executor for the workload: {@code availableProcessors()} threads for CPU-bound work,
     * {@code ioThreads} threads for I/O-bound work.
     */
    public static ExecutorService executorFor(Workload workload, int ioThreads) {
        Objects.requireNonNull(workload, "workload");
        if (workload == Workload.CPU_BOUND) {
            return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, but was " + ioThreads);
        }
        return Executors.newFixedThreadPool(ioThreads);
    }

    /** Runs {@code task} over {@code items} on the executor for the workload; results in input order. */
    public static <T, R> List<R> map(Workload workload, int ioThreads, List<T> items, Task<? super T, ? extends R> task)
            throws InterruptedException, ExecutionException {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(task, "task");
        for (T item : items) {
            Objects.requireNonNull(item, "items must not contain null");
        }
        ExecutorService executor = executorFor(workload, ioThreads);
        try {
            List<Future<? extends R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(executor.submit(() -> task.run(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<? extends R> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
