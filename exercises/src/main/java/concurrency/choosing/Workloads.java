package concurrency.choosing;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Chooses a thread pool that fits the work — the lesson's "Choosing the right approach".
 *
 * <pre>{@code
 * with ThreadPoolExecutor(max_workers=4) as pool:           # I/O-bound: many threads
 *     results = list(pool.map(io_bound_task, range(10)))
 * with ProcessPoolExecutor(max_workers=4) as pool:          # CPU-bound: one worker per core
 *     results = list(pool.map(cpu_bound_task, [10_000_000] * 4))
 * }</pre>
 *
 * <p>Java has no GIL, so both kinds of work run on threads; what changes is how many:
 * <ul>
 *   <li>I/O-bound work mostly waits, and a waiting thread costs no CPU: use as many threads as you want
 *       waits to overlap ({@code ioThreads}), even far more than the cores.</li>
 *   <li>CPU-bound work keeps a core busy: use exactly {@code Runtime.getRuntime().availableProcessors()}
 *       threads. Fewer leave cores idle; more only add switching between threads.</li>
 * </ul>
 *
 * <p>Lesson example: 10 I/O items of 0.5 s on 4 threads run in ceil(10 / 4) = 3 waves, so they take
 * about 1.5 s (the lesson's comment says ~1.25 s, but the third wave is needed), against 5 s one after
 * another.
 */
public final class Workloads {

    /**
     * A piece of work for {@link #map}: turns an input into a result, and may fail.
     *
     * @param <T> the input type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Task<T, R> {
        /**
         * Runs the task on one input.
         *
         * @param input the input
         * @return the result
         * @throws Exception if the task fails
         */
        R run(T input) throws Exception;
    }

    private Workloads() {
    }

    /**
     * Simulated I/O: blocks the calling thread for {@code latency}, then returns {@code item * 2} —
     * Python's {@code io_bound_task} with {@code time.sleep(0.5)}.
     *
     * @param item the item to process
     * @param latency how long the simulated I/O takes
     * @return {@code item * 2}
     * @throws InterruptedException if interrupted while blocked; let it propagate
     * @throws NullPointerException if {@code latency} is null
     * @throws IllegalArgumentException if {@code latency} is negative (name it and its value)
     */
    public static int ioBoundTask(int item, Duration latency) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: reject a negative latency, Thread.sleep(latency.toMillis()) (or TimeUnit.NANOSECONDS.sleep(latency.toNanos())), return item * 2");
    }

    /**
     * Number crunching: the exact sum of {@code i * i} for every {@code i} with {@code 0 <= i < n} —
     * Python's {@code cpu_bound_task}.
     *
     * <p>Python's integers never overflow; Java's do. {@code cpuBoundTask(10_000_000)} is
     * 333333283333335000000, more than a {@code long} can hold (about 9.2 × 10<sup>18</sup>), so the
     * result is a {@link BigInteger}. And {@code i * i} itself overflows an {@code int} once {@code i}
     * passes 46340: square a {@code long}. Adding ten million {@code BigInteger}s works but is slow;
     * faster is summing in a {@code long} and moving the sum into the {@code BigInteger} just before it
     * would overflow ({@link Math#addExact(long, long)} tells you when).
     *
     * @param n how many squares to add
     * @return {@code 0*0 + 1*1 + ... + (n-1)*(n-1)}, exactly
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static BigInteger cpuBoundTask(int n) {
        throw new UnsupportedOperationException(
                "TODO: add (long) i * i for i in [0, n) into a BigInteger (or a long that you carry into a BigInteger before it overflows)");
    }

    /**
     * Returns a new executor that fits {@code workload}; the caller shuts it down.
     *
     * <ul>
     *   <li>{@link Workload#CPU_BOUND} → exactly {@code Runtime.getRuntime().availableProcessors()}
     *       threads; {@code ioThreads} is ignored (any value is accepted).</li>
     *   <li>{@link Workload#IO_BOUND} → exactly {@code ioThreads} threads; {@code ioThreads < 1} →
     *       {@link IllegalArgumentException} naming {@code ioThreads} and its value.</li>
     * </ul>
     * One I/O thread is the smallest legal pool: executorFor(IO_BOUND, 1) returns an executor of one thread.
     * "Exactly" means: with tasks that block, that many run at the same time, and the next one starts
     * only when one of them has finished ({@link java.util.concurrent.Executors#newFixedThreadPool(int)}).
     * A cached thread pool has no limit at all, and a single thread pool is sequential.
     *
     * @param workload what limits the work
     * @param ioThreads how many threads I/O-bound work gets
     * @return a new executor with the right number of threads
     * @throws NullPointerException if {@code workload} is null
     */
    public static ExecutorService executorFor(Workload workload, int ioThreads) {
        throw new UnsupportedOperationException(
                "TODO: Executors.newFixedThreadPool(availableProcessors()) for CPU_BOUND, newFixedThreadPool(ioThreads) for IO_BOUND");
    }

    /**
     * Runs {@code task} over every item on {@code executorFor(workload, ioThreads)} and returns the
     * results in the order of {@code items} — Python's {@code list(pool.map(task, items))} inside a
     * {@code with} block.
     *
     * <p>What to build: get the executor from {@link #executorFor}; submit every item before waiting for
     * any result; collect the {@link java.util.concurrent.Future}s in input order; shut the executor down
     * in a {@code finally} block (on success, on failure and on interrupt), so that none of its threads
     * stays alive after {@code map} returns.
     *
     * <p>Failures: if tasks throw, {@code map} throws an {@link ExecutionException} whose cause is the
     * exception of the first failing item in input order (which is what waiting for the futures in order
     * gives you). Interrupted while waiting → stop the executor with {@code shutdownNow()} (which
     * interrupts the running tasks) and let the {@link InterruptedException} propagate.
     *
     * <p>Check the arguments before any thread starts: {@code null} {@code workload}, {@code items},
     * {@code task} or a {@code null} item → {@link NullPointerException}; {@code ioThreads < 1} for
     * I/O-bound work → {@link IllegalArgumentException}. An empty list gives an empty list.
     *
     * @param workload what limits the work
     * @param ioThreads how many threads I/O-bound work gets
     * @param items the inputs
     * @param task the work to do on each input
     * @param <T> the input type
     * @param <R> the result type
     * @return one result per item, in the order of {@code items}
     * @throws ExecutionException if a task failed; its cause is the first failure in input order
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T, R> List<R> map(Workload workload, int ioThreads, List<T> items, Task<? super T, ? extends R> task)
            throws InterruptedException, ExecutionException {
        throw new UnsupportedOperationException(
                "TODO: executorFor(workload, ioThreads), submit every item, collect the Futures in order, shutdownNow() in finally");
    }
}
