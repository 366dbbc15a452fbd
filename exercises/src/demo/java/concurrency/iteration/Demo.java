package concurrency.iteration;

import concurrency.demo.StubNotice;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * The lesson's async iteration: {@code async for num in AsyncRange(5): print(num)} prints 0 … 4, one
 * every 0.1 s.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=iteration}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        try {
            long start = System.nanoTime();
            AsyncIterator.forEach(new AsyncRange(5, Duration.ofMillis(100)), System.out::println).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                    "5 numbers from AsyncRange(5, 0.1 s) took %.2f s (about 0.5 s)", seconds));
        } catch (UnsupportedOperationException e) {
            System.err.println(StubNotice.describe(e));
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof UnsupportedOperationException)) {
                throw e;
            }
            System.err.println(StubNotice.describe((UnsupportedOperationException) e.getCause()));
        }
    }

}
