package concurrency.choosing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.testing.NotImplementedYet;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:choosing")
@ExtendWith(NotImplementedYet.class)
class WorkloadsTest {

    private static final Duration LATENCY = Duration.ofMillis(100);

    @Test
    @DisplayName("ioBoundTask(21, 100 ms) blocks for 100 ms and returns 42.")
    void ioBoundTaskDoublesAfterTheLatency() throws Exception {
        long start = System.nanoTime();
        int result = Workloads.ioBoundTask(21, LATENCY);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(42, result, "ioBoundTask(21, 100 ms) should return 21 * 2 = 42, but returned " + result + ".");
        assertTrue(millis >= 95, "ioBoundTask(21, 100 ms) should block for 100 ms, but returned after " + millis
                + " ms. Sleep for the latency before returning.");
    }

    @Test
    @DisplayName("cpuBoundTask(10) is 285 and cpuBoundTask(10_000_000) is 333333283333335000000, exactly.")
    void cpuBoundTaskSumsSquaresExactly() {
        BigInteger small = Workloads.cpuBoundTask(10);
        assertEquals(BigInteger.valueOf(285), small, "cpuBoundTask(10) should be 0 + 1 + 4 + … + 81 = 285, but was "
                + small + ". Add i * i for every i from 0 to n - 1.");
        BigInteger big = Workloads.cpuBoundTask(10_000_000);
        assertEquals(new BigInteger("333333283333335000000"), big, "cpuBoundTask(10_000_000) should be"
                + " 333333283333335000000, but was " + big + ". That is more than a long holds: square a long and add into"
                + " a BigInteger.");
    }

    @Test
    @DisplayName("map of 10 I/O items of 100 ms on 4 threads returns the doubled items in order after 3 waves (about 300 ms).")
    void tenIoItemsOnFourThreadsTakeThreeWaves() throws Exception {
        List<Integer> items = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        long start = System.nanoTime();
        List<Integer> results = Workloads.map(Workload.IO_BOUND, 4, items, item -> Workloads.ioBoundTask(item, LATENCY));
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<Integer> expected = items.stream().map(i -> i * 2).collect(Collectors.toList());
        assertEquals(expected, results, "map(IO_BOUND, 4 threads, 0…9, ioBoundTask) should return " + expected
                + ", but returned " + results + ". Collect the futures in the order of the items.");
        assertTrue(millis >= 290 && millis < 950, "map of 10 items of 100 ms on 4 threads should take 3 waves (about"
                + " 300 ms; 1000 ms one after another), but took " + millis + " ms. Use exactly ioThreads threads and"
                + " submit every item before waiting for any.");
    }

    @Test
    @DisplayName("executorFor(IO_BOUND, 0) is rejected with an IllegalArgumentException.")
    void executorForRejectsZeroIoThreads() {
        assertThrows(IllegalArgumentException.class, () -> Workloads.executorFor(Workload.IO_BOUND, 0),
                "executorFor(IO_BOUND, 0 threads) should throw IllegalArgumentException, but it did not."
                        + " Check ioThreads >= 1 for I/O-bound work.");
    }
}
