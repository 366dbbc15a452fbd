package concurrency.choosing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kit.testing.AllowedTime;
import kit.testing.ConcurrencyProbe;
import kit.testing.Graded;
import kit.testing.Hints;
import kit.testing.Kind;
import kit.testing.Stopwatch;
import kit.testing.ThreadSnapshot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("task:choosing")
class WorkloadsHiddenTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    private static final Duration GRACE = Duration.ofSeconds(1);

    private static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    // ---- the two tasks ------------------------------------------------------------------------------

    @Test
    @DisplayName("ioBoundTask blocks for its latency, returns item * 2, and rejects a negative latency.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Simulated I/O: blocks the calling thread for latency, then returns item * 2")
    void ioBoundTaskBlocksAndDoubles() throws Exception {
        Stopwatch watch = Stopwatch.start();
        int result = AllowedTime.within(LIMIT, "ioBoundTask(-7, 120 ms)", "Sleep once for the latency.",
                () -> Workloads.ioBoundTask(-7, Duration.ofMillis(120)));
        long millis = watch.millis();
        assertEquals(-14, result, "ioBoundTask(-7, 120 ms) should return -7 * 2 = -14, but returned " + result
                + ". Return item * 2.");
        assertTrue(millis >= 115, "ioBoundTask(-7, 120 ms) should block for 120 ms, but returned after " + millis
                + " ms. Sleep for the latency (Thread.sleep) before returning.");
        int zero = Workloads.ioBoundTask(5, Duration.ZERO);
        assertEquals(10, zero, "ioBoundTask(5, 0 ms) should return 10, but returned " + zero + ". A zero latency is allowed.");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Workloads.ioBoundTask(1, Duration.ofMillis(-1)),
                "ioBoundTask(1, -1 ms) should throw IllegalArgumentException, but it did not. Reject a negative Duration.");
        assertMentions(thrown, "latency", "ioBoundTask(1, -1 ms)");
    }

    @Test
    @DisplayName("cpuBoundTask sums i * i exactly, beyond the range of int and long (10_000_000 → 333333283333335000000).")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Number crunching: the exact sum of i * i for every i with 0 <= i < n")
    void cpuBoundTaskIsExact() throws Exception {
        int[] sizes = {0, 1, 2, 10, 46_341, 3_000_000, 10_000_000};
        for (int n : sizes) {
            BigInteger sum = AllowedTime.within(LIMIT, "cpuBoundTask(" + n + ")",
                    "Ten million additions should take well under a second; add longs and carry into a BigInteger.",
                    () -> Workloads.cpuBoundTask(n));
            BigInteger expected = sumOfSquares(n);
            assertEquals(expected, sum, "cpuBoundTask(" + n + ") should be the exact sum of i * i for 0 <= i < " + n
                    + ", " + expected + ", but was " + sum + ". " + overflowHint(sum, expected));
        }
        BigInteger lesson = Workloads.cpuBoundTask(10_000_000);
        assertEquals(new BigInteger("333333283333335000000"), lesson, "cpuBoundTask(10_000_000) should be"
                + " 333333283333335000000, but was " + lesson + ".");
    }

    /** (n - 1) n (2n - 1) / 6, the closed form of 0² + 1² + … + (n-1)². */
    private static BigInteger sumOfSquares(int n) {
        BigInteger big = BigInteger.valueOf(n);
        return big.subtract(BigInteger.ONE).multiply(big).multiply(big.shiftLeft(1).subtract(BigInteger.ONE))
                .divide(BigInteger.valueOf(6));
    }

    private static String overflowHint(BigInteger actual, BigInteger expected) {
        if (actual != null && actual.bitLength() <= 64 && expected.bitLength() > 63) {
            return "The result fits in a long, the exact sum does not: a long (or an int i * i) overflowed."
                    + " Square a long and add into a BigInteger.";
        }
        return "Add i * i for every i from 0 to n - 1, squaring a long (an int i * i overflows past 46340).";
    }

    // ---- executorFor ------------------------------------------------------------------------------

    @Test
    @DisplayName("executorFor(CPU_BOUND, 7) runs exactly availableProcessors() tasks at once, whatever ioThreads says.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "CPU_BOUND → exactly Runtime.getRuntime().availableProcessors() threads; ioThreads is ignored (any value is accepted).")
    void cpuExecutorHasOneThreadPerProcessor() throws Exception {
        int cpus = cpus();
        ExecutorService executor = AllowedTime.within(LIMIT, "executorFor(CPU_BOUND, 7)", "Return a new executor.",
                () -> Workloads.executorFor(Workload.CPU_BOUND, 7));
        assertExecutorWidth(executor, cpus, "executorFor(CPU_BOUND, 7) with availableProcessors() = " + cpus,
                "CPU-bound work needs exactly Runtime.getRuntime().availableProcessors() threads"
                        + " (newFixedThreadPool); ioThreads is for I/O-bound work only.");
    }

    @Test
    @DisplayName("executorFor(IO_BOUND, 5) runs exactly 5 tasks at once, more than the grader's 3 processors.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "IO_BOUND → exactly ioThreads threads")
    void ioExecutorHasIoThreads() throws Exception {
        int ioThreads = 5;
        ExecutorService executor = AllowedTime.within(LIMIT, "executorFor(IO_BOUND, " + ioThreads + ")",
                "Return a new executor.", () -> Workloads.executorFor(Workload.IO_BOUND, ioThreads));
        assertExecutorWidth(executor, ioThreads, "executorFor(IO_BOUND, " + ioThreads + ")",
                "I/O-bound work gets exactly ioThreads threads (newFixedThreadPool(ioThreads)): not the processor"
                        + " count, and not an unbounded cached pool.");
    }

    private static void assertExecutorWidth(ExecutorService executor, int expected, String scenario, String hint)
            throws Exception {
        assertTrue(executor != null, scenario + " should return a new executor, but returned null.");
        try {
            PoolWidth.Result result = PoolWidth.measure(executor, expected, PATIENCE);
            assertTrue(result.exact(), scenario + " should run exactly " + expected + " blocking tasks at the same time"
                    + " and queue the next one, but " + result.describe() + ". " + hint);
        } finally {
            PoolWidth.stop(executor);
        }
    }

    // ---- map ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("map returns the results in input order, even when the first item finishes last.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Runs task over every item on executorFor(workload, ioThreads) and returns the results in the order of items")
    void mapKeepsInputOrder() throws Exception {
        List<Integer> items = range(12);
        // Item 0 finishes only after all the others (or after 2 s), so it finishes last for sure; the others
        // finish in scrambled order.
        CountDownLatch othersDone = new CountDownLatch(11);
        List<String> results = AllowedTime.within(LIMIT, "map(IO_BOUND, 4, 12 items)", "Collect the futures in order.",
                () -> Workloads.map(Workload.IO_BOUND, 4, items, item -> {
                    if (item == 0) {
                        othersDone.await(2, TimeUnit.SECONDS);
                    } else {
                        Thread.sleep((item * 7) % 5 * 4L);
                        othersDone.countDown();
                    }
                    return "result-" + item;
                }));
        List<String> expected = items.stream().map(i -> "result-" + i).collect(Collectors.toList());
        assertEquals(expected, results, "map(IO_BOUND, 4 threads, items 0…11) where item 0 finishes last should"
                + " return " + expected + ", but returned " + results + ". Keep the futures in a list in input order and"
                + " call get() on each in turn, instead of collecting results as they complete.");
        List<Object> none = Workloads.map(Workload.CPU_BOUND, 3, List.of(), item -> item);
        assertEquals(List.of(), none, "map of an empty list should return an empty list, but returned " + none + ".");
        List<BigInteger> sums = AllowedTime.within(LIMIT, "map(CPU_BOUND, 4, [10, 20, 30])", "Use cpuBoundTask as given.",
                () -> Workloads.map(Workload.CPU_BOUND, 4, List.of(10, 20, 30), Workloads::cpuBoundTask));
        List<BigInteger> expectedSums = List.of(sumOfSquares(10), sumOfSquares(20), sumOfSquares(30));
        assertEquals(expectedSums, sums, "map(CPU_BOUND, 4, [10, 20, 30], cpuBoundTask) should return " + expectedSums
                + ", but returned " + sums + ".");
    }

    @Test
    @DisplayName("map runs I/O-bound items on ioThreads threads at once and CPU-bound items on availableProcessors() threads.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "get the executor from executorFor; submit every item before waiting for any result")
    void mapUsesTheExecutorForTheWorkload() throws Exception {
        int cpus = cpus();
        int ioThreads = 5;
        ConcurrencyProbe io = new ConcurrencyProbe(ioThreads, PATIENCE, Duration.ofMillis(40));
        AllowedTime.within(LIMIT, "map(IO_BOUND, " + ioThreads + ", " + 2 * ioThreads + " items)",
                "Run the items on executorFor(workload, ioThreads).",
                () -> Workloads.map(Workload.IO_BOUND, ioThreads, range(2 * ioThreads), item -> {
                    io.enter();
                    return item;
                }));
        assertProbe(io, "map(IO_BOUND, " + ioThreads + " ioThreads, " + 2 * ioThreads + " blocking items)",
                "Run the items on executorFor(workload, ioThreads), and submit every item before waiting for any.");
        ConcurrencyProbe cpu = new ConcurrencyProbe(cpus, PATIENCE, Duration.ofMillis(40));
        AllowedTime.within(LIMIT, "map(CPU_BOUND, 7, " + 2 * cpus + " items)",
                "Run the items on executorFor(workload, ioThreads).",
                () -> Workloads.map(Workload.CPU_BOUND, 7, range(2 * cpus), item -> {
                    cpu.enter();
                    return item;
                }));
        assertProbe(cpu, "map(CPU_BOUND, 7 ioThreads, " + 2 * cpus + " items) with availableProcessors() = " + cpus,
                "CPU-bound items run on availableProcessors() threads; ioThreads is ignored for them.");
    }

    private static void assertProbe(ConcurrencyProbe probe, String scenario, String hint) {
        int expected = probe.expected();
        int max = probe.maxConcurrent();
        assertTrue(!probe.barrierNeverFilled() && max == expected, scenario + " should run exactly " + expected
                + " items at the same time, but " + (probe.barrierNeverFilled()
                        ? "at most " + max + " ran at once"
                        : max + " ran at once") + ". " + hint);
    }

    @Test
    @DisplayName("map fails with an ExecutionException whose cause is the first failing item's exception in input order.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Failures: if tasks throw, map throws an ExecutionException whose cause is the exception of the first failing item in input order")
    void mapReportsTheFirstFailureInInputOrder() throws Exception {
        IllegalStateException second = new IllegalStateException("item 1 failed after 80 ms");
        IllegalStateException fifth = new IllegalStateException("item 4 failed at once");
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> AllowedTime.within(LIMIT, "map(IO_BOUND, 6, 6 items, items 1 and 4 failing)",
                        "Wait for the futures in input order.",
                        () -> Workloads.map(Workload.IO_BOUND, 6, range(6), item -> {
                            if (item == 1) {
                                Thread.sleep(80);
                                throw second;
                            }
                            if (item == 4) {
                                throw fifth;
                            }
                            return item;
                        })),
                "map(IO_BOUND, 6 threads, 6 items) where items 1 and 4 throw should throw ExecutionException, but it"
                        + " did not. Let Future.get's ExecutionException propagate.");
        // A ForkJoinTask rethrows a copy of the exception (same type, the original as its cause): also fine.
        Throwable cause = thrown.getCause();
        boolean secondOrCopy = cause == second
                || (cause != null && cause.getClass() == second.getClass() && cause.getCause() == second);
        assertTrue(secondOrCopy, "map where item 1 fails after 80 ms and item 4 fails at once should report item 1's"
                + " exception (first in input order), but the cause was " + cause + ". Wait for the futures in input"
                + " order instead of reporting the first failure to happen.");
    }

    @Test
    @DisplayName("map shuts its executor down on success, on failure and on interrupt: no thread it started stays alive.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "shut the executor down in a finally block (on success, on failure and on interrupt), so that none of its threads stays alive after map returns.")
    void mapShutsItsExecutorDown() throws Exception {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        Thread caller = Thread.currentThread();
        Workloads.Task<Integer, Integer> recording = item -> {
            if (Thread.currentThread() != caller) {
                workers.add(Thread.currentThread());
            }
            return item;
        };
        AllowedTime.within(LIMIT, "map(IO_BOUND, 3, 6 items)", "Shut the executor down in finally.",
                () -> Workloads.map(Workload.IO_BOUND, 3, range(6), recording));
        assertAllEnd(workers, "map(IO_BOUND, 3 threads, 6 items) that succeeded");

        workers.clear();
        assertThrows(ExecutionException.class, () -> AllowedTime.within(LIMIT, "map(IO_BOUND, 3, 6 failing items)",
                "Shut the executor down in finally.", () -> Workloads.map(Workload.IO_BOUND, 3, range(6), item -> {
                    recording.run(item);
                    throw new IllegalStateException("item " + item + " failed");
                })), "map(IO_BOUND, 3, 6 items that all throw) should throw ExecutionException, but it did not.");
        assertAllEnd(workers, "map(IO_BOUND, 3 threads, 6 failing items) that threw ExecutionException");

        workers.clear();
        assertInterruptStopsEverything(workers);
    }

    private static void assertInterruptStopsEverything(Set<Thread> workers) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        FutureTask<List<Integer>> call = new FutureTask<>(() -> Workloads.map(Workload.IO_BOUND, 2, range(4), item -> {
            workers.add(Thread.currentThread());
            started.countDown();
            Thread.sleep(3_000);
            return item;
        }));
        Thread runner = new Thread(call, "hidden-test-map-caller");
        runner.setDaemon(true);
        runner.start();
        if (!started.await(3, TimeUnit.SECONDS)) {
            runner.interrupt();
            fail("map(IO_BOUND, 2 threads, 4 items of 3 s) should start an item at once, but none started within 3 s."
                    + " Submit the items to the executor.");
        }
        runner.interrupt();
        try {
            call.get(2, TimeUnit.SECONDS);
            fail("map interrupted while waiting should throw InterruptedException, but it returned normally."
                    + " Let InterruptedException propagate.");
        } catch (TimeoutException e) {
            fail("map(IO_BOUND, 2 threads, 4 items of 3 s), interrupted while waiting, should throw"
                    + " InterruptedException at once, but had not returned 2 s later. Do not catch and retry the wait.");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof InterruptedException, "map interrupted while waiting should throw"
                    + " InterruptedException, but threw " + e.getCause() + ". Let it propagate unchanged.");
        }
        assertAllEnd(workers, "map(IO_BOUND, 2 threads, 4 items of 3 s) interrupted while waiting");
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
        assertTrue(alive.isEmpty(), scenario + " should leave none of its executor's threads alive, but "
                + alive.size() + " were still alive 1 s later: " + ThreadSnapshot.describe(alive)
                + ". Call shutdownNow() in a finally block (it also interrupts running tasks).");
    }

    // ---- timing -------------------------------------------------------------------------------------

    @Test
    @DisplayName("The lesson's I/O example scaled: 10 items of 100 ms on 4 threads take 3 waves (about 300 ms), not 1 and not 10.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "Lesson example: 10 I/O items of 0.5 s on 4 threads run in ceil(10 / 4) = 3 waves")
    void tenIoItemsOnFourThreadsTakeThreeWaves() throws Exception {
        Duration latency = Duration.ofMillis(100);
        Stopwatch watch = Stopwatch.start();
        List<Integer> results = AllowedTime.within(LIMIT, "map(IO_BOUND, 4, 10 items of 100 ms)",
                "Use exactly ioThreads threads.", () -> Workloads.map(Workload.IO_BOUND, 4, range(10), item -> {
                    Thread.sleep(latency.toMillis());
                    return item * 2;
                }));
        long millis = watch.millis();
        assertEquals(range(10).stream().map(i -> i * 2).collect(Collectors.toList()), results,
                "map(IO_BOUND, 4, 10 items) should return the doubled items in order, but returned " + results + ".");
        // Sleeps never end early: 3 waves take at least 300 ms and 10 (one at a time) at least 1000 ms, so the
        // bounds below never fail correct code for being fast, and leave it 650 ms of slack on a busy machine.
        double waves = millis / (double) latency.toMillis();
        assertTrue(waves >= 2.9 && waves < 9.5, String.format(java.util.Locale.ROOT,
                "map(IO_BOUND, 4 threads, 10 items of 100 ms) should take ceil(10 / 4) = 3 waves (about 300 ms),"
                        + " but took %d ms (%.1f waves). %s", millis, waves, waves < 2.9
                        ? "More than 4 items ran at once: use exactly ioThreads threads, not a cached pool."
                        : "Fewer than 4 items ran at once: submit every item before waiting for any result."));
    }

    // ---- arguments --------------------------------------------------------------------------------

    @Test
    @DisplayName("executorFor and map reject bad arguments before starting a thread, and CPU_BOUND ignores ioThreads.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Check the arguments before any thread starts: null workload, items, task or a null item → NullPointerException; ioThreads < 1 for I/O-bound work → IllegalArgumentException.")
    void argumentsAreCheckedFirst() throws Exception {
        ExecutorService cpuWithZero = assertDoesNotThrow(() -> Workloads.executorFor(Workload.CPU_BOUND, 0),
                "executorFor(CPU_BOUND, 0) should ignore ioThreads and return an executor, but it threw.");
        PoolWidth.stop(cpuWithZero);
        ThreadSnapshot before = ThreadSnapshot.take();
        for (int bad : new int[] {0, -3}) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> Workloads.executorFor(Workload.IO_BOUND, bad), "executorFor(IO_BOUND, " + bad + ") should"
                            + " throw IllegalArgumentException, but it did not. Check ioThreads >= 1 for I/O-bound work.");
            assertMentions(thrown, "ioThreads", "executorFor(IO_BOUND, " + bad + ")");
            assertThrows(IllegalArgumentException.class,
                    () -> Workloads.map(Workload.IO_BOUND, bad, List.of(1, 2), item -> item),
                    "map(IO_BOUND, " + bad + ", [1, 2]) should throw IllegalArgumentException, but it did not.");
        }
        List<Integer> withNull = Arrays.asList(1, null, 3);
        assertThrows(NullPointerException.class, () -> Workloads.executorFor(null, 4),
                "executorFor(null, 4) should throw NullPointerException, but it did not.");
        assertThrows(NullPointerException.class, () -> Workloads.map(null, 4, List.of(1), item -> item),
                "map(null workload, …) should throw NullPointerException, but it did not.");
        assertThrows(NullPointerException.class, () -> Workloads.map(Workload.IO_BOUND, 4, null, item -> item),
                "map(IO_BOUND, 4, null items, …) should throw NullPointerException, but it did not.");
        assertThrows(NullPointerException.class, () -> Workloads.map(Workload.IO_BOUND, 4, List.of(1), null),
                "map(IO_BOUND, 4, [1], null task) should throw NullPointerException, but it did not.");
        assertThrows(NullPointerException.class, () -> Workloads.map(Workload.IO_BOUND, 4, withNull, item -> item),
                "map(IO_BOUND, 4, [1, null, 3], …) should throw NullPointerException, but it did not.");
        List<Thread> started = before.threadsStillAliveAfter(Duration.ofMillis(200));
        assertTrue(started.isEmpty(), "Rejected calls to executorFor and map should start no thread, but "
                + started.size() + " were alive afterwards: " + ThreadSnapshot.describe(started)
                + ". Check the arguments before creating the executor.");
        ExecutorService oneIo = AllowedTime.within(LIMIT, "executorFor(IO_BOUND, 1)",
                "1 I/O thread is allowed: only ioThreads < 1 is rejected.", () -> Workloads.executorFor(Workload.IO_BOUND, 1));
        assertTrue(oneIo != null, "executorFor(IO_BOUND, 1) should return a new executor, but returned null.");
        PoolWidth.stop(oneIo);
        List<Integer> mapped = AllowedTime.within(LIMIT, "map(IO_BOUND, 1, [1, 2, 3], x -> 10 * x)",
                "1 I/O thread is allowed: only ioThreads < 1 is rejected.",
                () -> Workloads.map(Workload.IO_BOUND, 1, List.of(1, 2, 3), x -> 10 * x));
        assertEquals(List.of(10, 20, 30), mapped, "map(IO_BOUND, 1, [1, 2, 3], x -> 10 * x) should return [10, 20, 30],"
                + " but returned " + mapped + ". ioThreads = 1 is allowed: only ioThreads < 1 is rejected.");
    }

    /** A message that names the parameter helps; its wording is never graded, so a missing name is only a hint. */
    private static void assertMentions(IllegalArgumentException thrown, String parameter, String scenario) {
        String message = String.valueOf(thrown.getMessage());
        if (!message.toLowerCase(Locale.ROOT).contains(parameter.toLowerCase(Locale.ROOT))) {
            Hints.add(scenario + " threw IllegalArgumentException as it should; its message \"" + message
                    + "\" does not name " + parameter + ". Saying which argument is wrong and its value helps.");
        }
    }
}
