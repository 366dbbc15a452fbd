package concurrency.choosing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import kit.testing.AllowedTime;
import kit.testing.Graded;
import kit.testing.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hidden test of {@code Workloads.executorFor}'s smallest legal I/O pool (the boundary of {@code ioThreads < 1}). */
@Tag("task:choosing")
class WorkloadsOneThreadHiddenTest {

    @Test
    @DisplayName("executorFor(IO_BOUND, 1) returns a working executor and map on 1 I/O thread returns every result.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "One I/O thread is the smallest legal pool: executorFor(IO_BOUND, 1) returns an executor of one thread.")
    void oneIoThreadIsLegal() throws Exception {
        ExecutorService executor = AllowedTime.within(Duration.ofSeconds(5), "executorFor(IO_BOUND, 1)",
                "Reject only ioThreads < 1: one I/O thread is legal.", () -> Workloads.executorFor(Workload.IO_BOUND, 1));
        try {
            int answer = executor.submit(() -> 42).get(5, TimeUnit.SECONDS);
            assertEquals(42, answer, "a task submitted to executorFor(IO_BOUND, 1) should return 42, but returned "
                    + answer + ".");
        } finally {
            executor.shutdownNow();
        }
        List<Integer> results = AllowedTime.within(Duration.ofSeconds(5), "map(IO_BOUND, 1 thread, [1, 2, 3], x -> x * 10)",
                "Reject only ioThreads < 1: one I/O thread is legal.",
                () -> Workloads.map(Workload.IO_BOUND, 1, List.of(1, 2, 3), x -> x * 10));
        assertEquals(List.of(10, 20, 30), results, "map(IO_BOUND, 1 thread, [1, 2, 3], x -> x * 10) should return"
                + " [10, 20, 30], but returned " + results + ". ioThreads = 1 is the smallest legal pool.");
    }
}
