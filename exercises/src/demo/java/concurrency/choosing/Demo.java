package concurrency.choosing;

import concurrency.demo.StubNotice;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The lesson's "Choosing the right approach": 10 I/O-bound items of 0.5 s on 4 threads, then the
 * CPU-bound {@code cpu_bound_task(10_000_000)} four times on one thread per processor.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=choosing}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        try {
            Duration latency = Duration.ofMillis(500);
            List<Integer> items = IntStream.range(0, 10).boxed().collect(Collectors.toList());
            long start = System.nanoTime();
            List<Integer> doubled = Workloads.map(Workload.IO_BOUND, 4, items, item -> Workloads.ioBoundTask(item, latency));
            double ioSeconds = (System.nanoTime() - start) / 1e9;
            System.out.println("I/O-bound results: " + doubled);
            System.out.println(String.format(Locale.ROOT,
                    "10 I/O items of 0.5 s on 4 threads took %.2f s: ceil(10 / 4) = 3 waves (sequentially: about 5 s)",
                    ioSeconds));

            List<Integer> sizes = Collections.nCopies(4, 10_000_000);
            int cpus = Runtime.getRuntime().availableProcessors();
            start = System.nanoTime();
            List<BigInteger> sums = Workloads.map(Workload.CPU_BOUND, 4, sizes, Workloads::cpuBoundTask);
            double parallelSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            for (int n : sizes) {
                Workloads.cpuBoundTask(n);
            }
            double sequentialSeconds = (System.nanoTime() - start) / 1e9;
            System.out.println("CPU-bound results: " + sums);
            System.out.println(String.format(Locale.ROOT,
                    "4 × cpuBoundTask(10_000_000) on %d threads (one per processor) took %.2f s (one after another: %.2f s)",
                    cpus, parallelSeconds, sequentialSeconds));
        } catch (UnsupportedOperationException e) {
            System.err.println(StubNotice.describe(e));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnsupportedOperationException)) {
                throw e;
            }
            System.err.println(StubNotice.describe((UnsupportedOperationException) e.getCause()));
        }
    }

}
