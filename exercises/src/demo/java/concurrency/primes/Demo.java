package concurrency.primes;

import concurrency.demo.StubNotice;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * The lesson's {@code multiprocessing.Pool} example: the five numbers checked on one thread per
 * processor, with the results and the time it took.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=primes}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        List<Long> numbers = List.of(15485863L, 15485867L, 15485869L, 15485917L, 15485927L);
        int cpus = Runtime.getRuntime().availableProcessors();
        try {
            long start = System.nanoTime();
            List<Boolean> results = PrimePool.checkAll(numbers);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println("Results: " + results);
            System.out.println(String.format(Locale.ROOT, "Time with %d threads: %.2f s", cpus, seconds));
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
