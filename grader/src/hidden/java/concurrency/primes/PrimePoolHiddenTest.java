package concurrency.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import kit.testing.AllowedTime;
import kit.testing.ConcurrencyProbe;
import kit.testing.Graded;
import kit.testing.Hints;
import kit.testing.Kind;
import kit.testing.ThreadSnapshot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("task:primes")
class PrimePoolHiddenTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final List<Long> LESSON = List.of(15485863L, 15485867L, 15485869L, 15485917L, 15485927L);
    /** The largest prime below 10^12: about 500000 odd divisors to try. */
    private static final long SLOW_PRIME = 999_999_999_989L;

    /** The truth, from BigInteger's primality test (certainty 100: wrong with probability below 2^-100). */
    private static boolean prime(long n) {
        return n >= 2 && BigInteger.valueOf(n).isProbablePrime(100);
    }

    // ---- isPrime ----------------------------------------------------------------------------------

    @Test
    @DisplayName("isPrime is false for negatives, 0, 1, 4 and squares of primes, true for 2, 3 and small primes.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "Everything below 2 — 1, 0 and every negative number — is not prime; 2 is.")
    void isPrimeOnSmallNumbers() throws Exception {
        List<Long> numbers = new ArrayList<>(List.of(Long.MIN_VALUE, -7L, -2L, -1L, 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L,
                9L, 15L, 25L, 49L, 91L, 97L, 121L, 169L, 289L, 361L, 529L, 841L, 961L, 7919L, 10_007L,
                46_337L * 46_337L, 65_521L * 65_521L, 2_147_483_647L));
        assertTableCorrect(numbers, "Numbers below 2 are not prime, 2 is; try every divisor i while i <= n / i, so"
                + " that the square root itself is tried (9 = 3 × 3).");
    }

    @Test
    @DisplayName("isPrime is right for the lesson's numbers and for numbers around 10^12 and 10^13, in well under a second each.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Stop at the square root: for every n up to 10 13 this must answer in well under a second.")
    void isPrimeOnLargeNumbers() throws Exception {
        List<Long> numbers = new ArrayList<>(LESSON);
        numbers.addAll(List.of(2_147_483_659L, 4_294_967_291L, 4_294_967_297L, 999_999_999_989L,
                1_000_000_000_000L, 1_000_000_000_039L, 999_983L * 1_000_003L, 1_000_003L * 1_000_003L,
                9_999_999_999_971L));
        assertTableCorrect(numbers, "Count the divisor in a long (an int squared overflows past 46340) and stop at the"
                + " square root.");
    }

    private static void assertTableCorrect(List<Long> numbers, String hint) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (long n : numbers) {
            boolean answer = AllowedTime.within(Duration.ofSeconds(2), "isPrime(" + n + ")",
                    "Trial division up to the square root needs at most about 3 million divisions for 10^13.",
                    () -> PrimePool.isPrime(n));
            if (answer != prime(n)) {
                wrong.add("isPrime(" + n + ") = " + answer);
            }
        }
        assertTrue(wrong.isEmpty(), "isPrime on " + numbers.size() + " numbers should match their primality, but "
                + wrong.size() + " answers were wrong: " + String.join(", ", wrong) + ". " + hint);
    }

    // ---- checkAll(numbers, workers, test) ---------------------------------------------------------

    @Test
    @DisplayName("checkAll returns the answers in input order, even when the first number finishes last.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "Collect the Futures in input order: element i of the result is test.test(numbers.get(i)), whichever test finished first.")
    void checkAllKeepsInputOrder() throws Exception {
        List<Long> numbers = LongStream.range(0, 12).boxed().collect(Collectors.toList());
        // Number 0 answers only after all the others have answered (or after 2 s), so it finishes last for
        // sure; the others finish in scrambled order. Only 0 is "true": an answer out of place shows.
        CountDownLatch othersDone = new CountDownLatch(11);
        LongPredicate zeroFinishesLast = n -> {
            if (n == 0) {
                await(othersDone);
                return true;
            }
            sleep((n * 7) % 5 * 4);
            othersDone.countDown();
            return false;
        };
        List<Boolean> results = AllowedTime.within(LIMIT, "checkAll(0…11, 4 workers)", "Collect the futures in order.",
                () -> PrimePool.checkAll(numbers, 4, zeroFinishesLast));
        List<Boolean> expected = numbers.stream().map(n -> n == 0).collect(Collectors.toList());
        assertEquals(expected, results, "checkAll(0…11, 4 workers, n == 0) where 0 finishes last should return "
                + expected + ", but returned " + results + ". Keep the futures in input order and call get() on each"
                + " in turn, instead of collecting answers as they complete.");
        List<Boolean> none = PrimePool.checkAll(List.of(), 2, n -> true);
        assertEquals(List.of(), none, "checkAll of an empty list should return an empty list, but returned " + none + ".");
        List<Boolean> one = PrimePool.checkAll(List.of(97L), 8, PrimePool::isPrime);
        assertEquals(List.of(true), one, "checkAll([97], 8 workers, isPrime) should return [true], but returned " + one + ".");
    }

    @Test
    @DisplayName("checkAll runs exactly `workers` tests at the same time (5 and 2 workers), never more.")
    @Graded(points = 2, kind = Kind.CORRECTNESS,
            requirement = "Create an ExecutorService with exactly workers threads (newFixedThreadPool).")
    void checkAllRunsExactlyWorkersAtOnce() throws Exception {
        for (int workers : new int[] {5, 2}) {
            ConcurrencyProbe probe = new ConcurrencyProbe(workers, PATIENCE, Duration.ofMillis(40));
            List<Long> numbers = LongStream.range(0, 2L * workers).boxed().collect(Collectors.toList());
            String scenario = "checkAll(" + numbers.size() + " numbers, " + workers + " workers) with tests that block";
            List<Boolean> results = AllowedTime.within(LIMIT, scenario, "Use a pool of exactly `workers` threads.",
                    () -> PrimePool.checkAll(numbers, workers, n -> {
                        try {
                            probe.enter();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return n % 2 == 0;
                    }));
            assertEquals(numbers.size(), results.size(), scenario + " should return " + numbers.size()
                    + " answers, but returned " + results.size() + ".");
            int max = probe.maxConcurrent();
            assertTrue(!probe.barrierNeverFilled() && max == workers, scenario + " should run exactly " + workers
                    + " tests at the same time, but " + (probe.barrierNeverFilled() ? "at most " : "")
                    + max + " ran at once. " + (max > workers
                            ? "The pool is too big: create it with exactly `workers` threads."
                            : "Create Executors.newFixedThreadPool(workers) and submit every number before waiting"
                                    + " for any answer."));
        }
    }

    // ---- checkAll(numbers) --------------------------------------------------------------------------

    @Test
    @DisplayName("checkAll(numbers) on the lesson's five numbers returns [true, true, false, true, true].")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Lesson example: checkAll(List.of(15485863L, 15485867L, 15485869L, 15485917L, 15485927L)) returns [true, true, false, true, true].")
    void checkAllOnTheLessonsNumbers() throws Exception {
        List<Boolean> results = AllowedTime.within(LIMIT, "checkAll(" + LESSON + ")", "Use isPrime on a pool.",
                () -> PrimePool.checkAll(LESSON));
        List<Boolean> expected = LESSON.stream().map(PrimePoolHiddenTest::prime).collect(Collectors.toList());
        assertEquals(expected, results, "checkAll(" + LESSON + ") should return " + expected + ", but returned "
                + results + ". Call checkAll(numbers, availableProcessors(), PrimePool::isPrime).");
    }

    @Test
    @DisplayName("checkAll(numbers) runs isPrime on exactly availableProcessors() threads.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "Same as checkAll(numbers, Runtime.getRuntime().availableProcessors(), PrimePool::isPrime).")
    void checkAllDefaultsToOneThreadPerProcessor() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        // Enough slow primes that every pool thread is busy in isPrime for a while; the sampler finds each
        // pool thread inside isPrime. Too few threads seen in a short run only means the run was too short
        // to see them all: run again with twice the numbers (a pool that is too big is seen at once).
        PrimePool.isPrime(SLOW_PRIME);
        long start = System.nanoTime();
        PrimePool.isPrime(SLOW_PRIME);
        double oneMillis = Math.max(0.01, (System.nanoTime() - start) / 1e6);
        int count = (int) Math.max(12L * cpus, Math.min(4000, Math.round(150 / oneMillis)));
        Set<Thread> threads = new HashSet<>();
        IsPrimeThreads.Observation seen = IsPrimeThreads.Observation.NONE;
        // A verdict needs enough samples: a run seen only a few times may have hidden a thread or two.
        for (int attempt = 1; attempt <= 3 && (threads.size() < cpus || seen.samples() < 10); attempt++, count *= 2) {
            List<Long> numbers = Collections.nCopies(count, SLOW_PRIME);
            String scenario = "checkAll(" + count + " copies of " + SLOW_PRIME + ") with availableProcessors() = " + cpus;
            seen = IsPrimeThreads.observe(() -> PrimePool.checkAll(numbers), Duration.ofSeconds(6));
            if (!seen.finished()) {
                fail(scenario + " did not finish within 6 s (one isPrime takes " + Math.round(oneMillis) + " ms here)."
                        + " Run the numbers on one thread per processor.");
            }
            if (seen.failure() instanceof Exception) {
                throw (Exception) seen.failure();
            }
            if (seen.failure() != null) {
                throw (Error) seen.failure();
            }
            assertEquals(Collections.nCopies(count, true), seen.result(), scenario + " should answer true " + count
                    + " times, but answered " + summarize(seen.result()) + ".");
            threads = seen.threads();
            assertTrue(threads.size() <= cpus, scenario + " should run isPrime on exactly " + cpus + " threads (one per"
                    + " processor), but " + threads.size() + " threads ran it (up to " + seen.maxAtOnce() + " at once)."
                    + " Do not hard-code the pool size: ask Runtime.getRuntime().availableProcessors().");
        }
        assertEquals(cpus, threads.size(), "checkAll(numbers) with availableProcessors() = " + cpus + " should run"
                + " isPrime on exactly " + cpus + " threads (one per processor), but only " + threads.size()
                + " threads ran it (at most " + seen.maxAtOnce() + " at once, " + seen.samples() + " samples, three"
                + " runs of up to " + count / 2 + " numbers). Use Runtime.getRuntime().availableProcessors() threads,"
                + " not a hard-coded number.");
    }

    private static String summarize(Object result) {
        if (!(result instanceof List)) {
            return String.valueOf(result);
        }
        List<?> list = (List<?>) result;
        long trues = list.stream().filter(Boolean.TRUE::equals).count();
        return list.size() + " answers, " + trues + " of them true";
    }

    // ---- failure and shutdown ---------------------------------------------------------------------

    @Test
    @DisplayName("checkAll reports a failing test as an ExecutionException whose cause is that test's exception.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "@throws ExecutionException if test threw; its cause is what it threw")
    void checkAllReportsAFailure() throws Exception {
        IllegalStateException boom = new IllegalStateException("cannot test 13");
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> AllowedTime.within(LIMIT,
                "checkAll([11, 12, 13, 14], 2 workers) failing on 13", "Let Future.get's ExecutionException propagate.",
                () -> PrimePool.checkAll(List.of(11L, 12L, 13L, 14L), 2, n -> {
                    if (n == 13) {
                        throw boom;
                    }
                    return PrimePool.isPrime(n);
                })), "checkAll([11, 12, 13, 14], 2 workers) whose test throws on 13 should throw ExecutionException,"
                        + " but it did not. Let Future.get's ExecutionException propagate.");
        // A ForkJoinTask rethrows a copy of the exception (same type, the original as its cause): also fine.
        Throwable cause = thrown.getCause();
        boolean sameOrCopy = cause == boom || (cause != null && cause.getClass() == boom.getClass() && cause.getCause() == boom);
        assertTrue(sameOrCopy, "checkAll whose test throws on 13 should throw an ExecutionException caused by that"
                + " exception, but its cause was " + cause + ". Let Future.get's ExecutionException propagate unchanged.");
    }

    @Test
    @DisplayName("checkAll shuts its executor down on success, on failure and on interrupt: no thread it started stays alive.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Shut the executor down on every path — success, a failing test, an interrupt — with try/finally; no thread of it may stay alive after checkAll returns.")
    void checkAllShutsItsExecutorDown() throws Exception {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        AllowedTime.within(LIMIT, "checkAll(6 numbers, 3 workers)", "Shut the executor down in finally.",
                () -> PrimePool.checkAll(LongStream.range(0, 6).boxed().collect(Collectors.toList()), 3, n -> {
                    workers.add(Thread.currentThread());
                    return PrimePool.isPrime(n);
                }));
        assertAllEnd(workers, "checkAll(6 numbers, 3 workers) that succeeded");

        workers.clear();
        assertThrows(ExecutionException.class, () -> AllowedTime.within(LIMIT, "checkAll(6 failing numbers, 3 workers)",
                "Shut the executor down in finally.",
                () -> PrimePool.checkAll(LongStream.range(0, 6).boxed().collect(Collectors.toList()), 3, n -> {
                    workers.add(Thread.currentThread());
                    throw new IllegalStateException("cannot test " + n);
                })), "checkAll(6 numbers, 3 workers) whose test always throws should throw ExecutionException, but it"
                        + " did not.");
        assertAllEnd(workers, "checkAll(6 numbers, 3 workers) that threw ExecutionException");

        workers.clear();
        CountDownLatch started = new CountDownLatch(1);
        FutureTask<List<Boolean>> call = new FutureTask<>(() -> PrimePool.checkAll(List.of(1L, 2L, 3L, 4L), 2, n -> {
            workers.add(Thread.currentThread());
            started.countDown();
            sleep(3_000);
            return true;
        }));
        Thread runner = new Thread(call, "hidden-test-checkAll-caller");
        runner.setDaemon(true);
        runner.start();
        if (!started.await(3, TimeUnit.SECONDS)) {
            runner.interrupt();
            fail("checkAll(4 numbers, 2 workers) with tests of 3 s should start a test at once, but none started"
                    + " within 3 s. Submit the numbers to the pool.");
        }
        runner.interrupt();
        try {
            call.get(2, TimeUnit.SECONDS);
            fail("checkAll interrupted while waiting should throw InterruptedException, but it returned normally.");
        } catch (TimeoutException e) {
            fail("checkAll(4 numbers, 2 workers, tests of 3 s), interrupted while waiting, should throw"
                    + " InterruptedException at once, but had not returned 2 s later. Let InterruptedException propagate.");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof InterruptedException, "checkAll interrupted while waiting should throw"
                    + " InterruptedException, but threw " + e.getCause() + ". Let it propagate unchanged.");
        }
        assertAllEnd(workers, "checkAll(4 numbers, 2 workers, tests of 3 s) interrupted while waiting");
    }

    /** Waits up to 2 s for {@code latch} inside a LongPredicate, keeping an interrupt's flag. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps inside a LongPredicate; an interrupt ends the sleep and keeps the flag, as a test would. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertAllEnd(Set<Thread> workers, String scenario) throws InterruptedException {
        List<Thread> alive = new ArrayList<>();
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (Thread worker : workers) {
            worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (worker.isAlive()) {
                alive.add(worker);
            }
        }
        assertTrue(alive.isEmpty(), scenario + " should leave none of its pool's threads alive, but " + alive.size()
                + " were still alive 1 s later: " + ThreadSnapshot.describe(alive)
                + ". Call shutdownNow() in a finally block (it also interrupts the tests still running).");
    }

    // ---- arguments --------------------------------------------------------------------------------

    @Test
    @DisplayName("checkAll rejects workers < 1 and null arguments before starting a thread.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Check the arguments before any thread starts: workers < 1 → IllegalArgumentException naming workers and its value; null numbers, test or a null element → NullPointerException naming the parameter.")
    void argumentsAreCheckedFirst() throws Exception {
        ThreadSnapshot before = ThreadSnapshot.take();
        for (int bad : new int[] {0, -2}) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> PrimePool.checkAll(List.of(7L), bad, PrimePool::isPrime), "checkAll([7], " + bad
                            + " workers) should throw IllegalArgumentException, but it did not. Check workers >= 1 first.");
            String message = String.valueOf(thrown.getMessage());
            if (!(message.toLowerCase(Locale.ROOT).contains("workers") && message.contains(String.valueOf(bad)))) {
                Hints.add("checkAll([7], " + bad + " workers) threw IllegalArgumentException as it should; its message \""
                        + message + "\" does not name workers and its value. Saying which argument is wrong helps.");
            }
        }
        assertThrows(NullPointerException.class, () -> PrimePool.checkAll(null, 2, PrimePool::isPrime),
                "checkAll(null, 2, isPrime) should throw NullPointerException, but it did not.");
        assertThrows(NullPointerException.class, () -> PrimePool.checkAll(List.of(7L), 2, null),
                "checkAll([7], 2, null) should throw NullPointerException, but it did not.");
        assertThrows(NullPointerException.class, () -> PrimePool.checkAll(Arrays.asList(7L, null), 2, PrimePool::isPrime),
                "checkAll([7, null], 2, isPrime) should throw NullPointerException, but it did not.");
        assertThrows(NullPointerException.class, () -> PrimePool.checkAll(null),
                "checkAll(null) should throw NullPointerException, but it did not.");
        List<Thread> started = before.threadsStillAliveAfter(Duration.ofMillis(200));
        assertTrue(started.isEmpty(), "Rejected calls to checkAll should start no thread, but " + started.size()
                + " were alive afterwards: " + ThreadSnapshot.describe(started)
                + ". Check the arguments before creating the pool.");
        List<Boolean> one = AllowedTime.within(Duration.ofSeconds(5), "checkAll([2, 4, 7], 1 worker, isPrime)",
                "1 worker is allowed: only workers < 1 is rejected.", () -> PrimePool.checkAll(List.of(2L, 4L, 7L), 1, PrimePool::isPrime));
        assertEquals(List.of(true, false, true), one, "checkAll([2, 4, 7], 1 worker, isPrime) should return [true, false,"
                + " true], but returned " + one + ". workers = 1 is allowed: only workers < 1 is rejected.");
    }
}
