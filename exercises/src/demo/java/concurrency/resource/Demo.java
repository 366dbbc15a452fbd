package concurrency.resource;

import concurrency.demo.StubNotice;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * The lesson's async context manager: {@code use_resource()} prints "Acquiring resource" and
 * "Releasing resource" and returns "Done" — acquire, work and release take 0.1 s each.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=resource}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        try {
            long start = System.nanoTime();
            String result = AsyncResources.useResource(Duration.ofMillis(100)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(result);
            System.out.println(String.format(Locale.ROOT,
                    "useResource took %.2f s (acquire 0.1 s + work 0.1 s + release 0.1 s: about 0.3 s)", seconds));
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
