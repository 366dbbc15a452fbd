package concurrency.download;

import concurrency.demo.StubNotice;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * The lesson's threading example: three downloads of 1 s each on a pool of three workers take about
 * 1 s, not 3 s.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=download}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        List<String> urls = List.of("http://example.com/1", "http://example.com/2", "http://example.com/3");
        Duration latency = Duration.ofSeconds(1);
        try {
            long start = System.nanoTime();
            List<String> results = Downloader.downloadAll(urls, 3, url -> Downloader.download(url, latency));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println("Results: " + results);
            System.out.println(String.format(Locale.ROOT,
                    "%d downloads on 3 workers took %.2f s (sequentially: about %d s)",
                    urls.size(), seconds, urls.size() * latency.toSeconds()));
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
