package concurrency.gather;

import concurrency.demo.StubNotice;
import concurrency.gather.AsyncFetcher.Request;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * The lesson's asyncio examples: page1 (2 s) then page2 (1 s) take about 3 s, while page3 (2 s) and
 * page4 (1 s) gathered take about 2 s; ten blocking downloads of 0.5 s take about 5 s, ten non-blocking
 * ones about 0.5 s.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=gather}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            long start = System.nanoTime();
            List<String> first = AsyncFetcher.fetchSequentially(
                    List.of(new Request("page1", Duration.ofSeconds(2)), new Request("page2", Duration.ofSeconds(1)))).join();
            double sequential = secondsSince(start);

            start = System.nanoTime();
            List<String> second = AsyncFetcher.fetchConcurrently(
                    List.of(new Request("page3", Duration.ofSeconds(2)), new Request("page4", Duration.ofSeconds(1)))).join();
            double concurrent = secondsSince(start);

            System.out.println();
            System.out.println("Results: " + first + " " + second);
            System.out.println(String.format(Locale.ROOT, "Sequential: %.1fs (page1 2 s + page2 1 s: about 3 s)", sequential));
            System.out.println(String.format(Locale.ROOT, "Concurrent: %.1fs (page3 2 s and page4 1 s at once: about 2 s)", concurrent));

            Duration latency = Duration.ofMillis(500);
            start = System.nanoTime();
            List<Integer> sync = AsyncFetcher.downloadAllSync(10, latency);
            System.out.println(String.format(Locale.ROOT, "Sync: %.2fs for %s (10 × 0.5 s blocking: about 5 s)",
                    secondsSince(start), sync));

            start = System.nanoTime();
            List<Integer> async = AsyncFetcher.downloadAllAsync(10, latency).join();
            System.out.println(String.format(Locale.ROOT, "Async: %.2fs for %s (10 × 0.5 s at once: about 0.5 s)",
                    secondsSince(start), async));
        } catch (UnsupportedOperationException e) {
            System.err.println(StubNotice.describe(e));
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof UnsupportedOperationException)) {
                throw e;
            }
            System.err.println(StubNotice.describe((UnsupportedOperationException) e.getCause()));
        }
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

}
