package concurrency.primes;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.LongPredicate;

/**
 * Checks numbers for primality in parallel, on a pool with one thread per processor.
 *
 * <p>The lesson's {@code multiprocessing.Pool} example in Java:
 * <pre>{@code
 * with Pool(processes=cpu_count()) as pool:
 *     results = pool.map(is_prime, numbers)
 * }</pre>
 * Python needs processes for CPU-bound work because the GIL lets only one thread compute at a time.
 * Java has no GIL: the threads of an {@link java.util.concurrent.ExecutorService} really run in
 * parallel on different cores, so here threads play the role of Python's processes.
 *
 * <p>Lesson example: {@code checkAll(List.of(15485863L, 15485867L, 15485869L, 15485917L, 15485927L))}
 * returns {@code [true, true, false, true, true]}.
 */
public final class PrimePool {

    private PrimePool() {
    }

    /**
     * Returns whether {@code n} is prime, by trial division: {@code n} is prime when it is at least 2
     * and no {@code i} with {@code 2 <= i <= sqrt(n)} divides it.
     *
     * <p>Python: {@code is_prime(n)}. Everything below 2 — 1, 0 and every negative number — is not
     * prime; 2 is. Stop at the square root: for every {@code n} up to 10<sup>13</sup> this must answer
     * in well under a second.
     *
     * <p>Pitfalls: stopping one step too early ({@code i * i < n}) calls the squares of primes (9, 25,
     * 49, …) prime; an {@code int} loop counter overflows when squared once {@code n} passes 2<sup>31</sup>
     * — count with a {@code long}, and compare {@code i <= n / i} so that nothing can overflow.
     *
     * @param n any number
     * @return {@code true} if {@code n} is prime
     */
    public static boolean isPrime(long n) {
        throw new UnsupportedOperationException(
                "TODO: return false below 2, then try every divisor i from 2 while i <= n / i (a long loop)");
    }

    /**
     * Applies {@code test} to every number on a pool of {@code workers} threads and returns the
     * answers in the order of {@code numbers} — Python's {@code pool.map(is_prime, numbers)}.
     *
     * <p>What to build:
     * <ul>
     *   <li>Create an {@link java.util.concurrent.ExecutorService} with exactly {@code workers} threads
     *       ({@link java.util.concurrent.Executors#newFixedThreadPool(int)}).</li>
     *   <li>Submit every number before waiting for any answer, so that up to {@code workers} tests run
     *       at the same time — never more.</li>
     *   <li>Collect the {@link java.util.concurrent.Future}s in input order: element {@code i} of the
     *       result is {@code test.test(numbers.get(i))}, whichever test finished first.</li>
     *   <li>Shut the executor down on every path — success, a failing test, an interrupt — with
     *       {@code try}/{@code finally}; no thread of it may stay alive after {@code checkAll}
     *       returns. {@code shutdownNow()} is the right call: on success nothing is left to stop, and
     *       after a failure or an interrupt it also interrupts the tests that are still running and
     *       drops the ones that have not started.</li>
     * </ul>
     *
     * <p>Check the arguments before any thread starts: {@code workers < 1} →
     * {@link IllegalArgumentException} naming {@code workers} and its value; {@code null}
     * {@code numbers}, {@code test} or a {@code null} element → {@link NullPointerException} naming
     * the parameter. An empty list gives an empty list.
     * One worker is the smallest legal pool: with workers = 1 every number is checked on that one thread.
     *
     * @param numbers the numbers to check
     * @param workers how many threads check at the same time
     * @param test the check to run on every number, e.g. {@code PrimePool::isPrime}
     * @return one answer per number, in the order of {@code numbers}
     * @throws ExecutionException if {@code test} threw; its cause is what it threw
     * @throws InterruptedException if interrupted while waiting; let it propagate after stopping the pool
     */
    public static List<Boolean> checkAll(List<Long> numbers, int workers, LongPredicate test)
            throws InterruptedException, ExecutionException {
        throw new UnsupportedOperationException(
                "TODO: Executors.newFixedThreadPool(workers), submit every number, collect the Futures in order, shut down in finally");
    }

    /**
     * Checks every number with {@link #isPrime} on one thread per processor — the lesson's
     * {@code Pool(processes=cpu_count())}.
     *
     * <p>Same as {@code checkAll(numbers, Runtime.getRuntime().availableProcessors(), PrimePool::isPrime)}.
     * Ask the runtime each time; do not hard-code the number of cores of your own machine — the
     * grader's machine has a different one. More threads than cores only add switching for
     * CPU-bound work; fewer leave cores idle.
     *
     * @param numbers the numbers to check
     * @return one answer per number, in the order of {@code numbers}
     * @throws ExecutionException if a check failed
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<Boolean> checkAll(List<Long> numbers) throws InterruptedException, ExecutionException {
        throw new UnsupportedOperationException(
                "TODO: call checkAll(numbers, Runtime.getRuntime().availableProcessors(), PrimePool::isPrime)");
    }
}
