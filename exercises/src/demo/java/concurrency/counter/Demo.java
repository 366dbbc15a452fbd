package concurrency.counter;

import concurrency.demo.StubNotice;
import java.util.Locale;

/**
 * The lesson's lock example: four threads each increment a shared counter 100000 times under a lock,
 * and the result is 400000 every time.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=counter}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            long start = System.nanoTime();
            long total = LockedCounter.runThreads(new LockedCounter(), 4, 100_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(total);
            System.out.println(String.format(Locale.ROOT,
                    "4 threads x 100000 increments counted %d in %.2f s (expected 400000)", total, seconds));
        } catch (UnsupportedOperationException e) {
            System.err.println(StubNotice.describe(e));
        }
    }
}
