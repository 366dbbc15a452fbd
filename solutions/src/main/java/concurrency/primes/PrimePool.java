package concurrency.primes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongPredicate;

/** Checks numbers for primality in parallel on a pool sized to the CPUs: Python's {@code Pool.map}. */
public final class PrimePool {

    private PrimePool() {
    }

    /** Returns whether {@code n} is prime, by trial division up to its square root. */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        // i <= n / i instead of i * i <= n: the square can never overflow.
        for (long i = 3; i <= n / i; i += 2) {
            if (n % i == 0) {
                return false;
            }
        }
        return true;
    }

    /** Applies {@code test} to every number on {@code workers} threads; results in input order. */
    public static List<Boolean> checkAll(List<Long> numbers, int workers, LongPredicate test)
            throws InterruptedException, ExecutionException {
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(test, "test");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, but was " + workers);
        }
        for (Long number : numbers) {
            Objects.requireNonNull(number, "numbers must not contain null");
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Boolean>> futures = new ArrayList<>(numbers.size());
            for (long number : numbers) {
                futures.add(pool.submit(() -> test.test(number)));
            }
            List<Boolean> results = new ArrayList<>(numbers.size());
            for (Future<Boolean> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks every number with {@link #isPrime} on one thread per available processor. */
    public static List<Boolean> checkAll(List<Long> numbers) throws InterruptedException, ExecutionException {
        return checkAll(numbers, Runtime.getRuntime().availableProcessors(), PrimePool::isPrime);
    }
}
