package concurrency.download;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Downloads many URLs at once on a fixed pool of worker threads: Python's
 * {@code ThreadPoolExecutor.map(download, urls)}.
 */
public final class Downloader {

    private Downloader() {
    }

    /** Fetches the contents of one url; may block and may fail. */
    @FunctionalInterface
    public interface Fetch<R> {
        R fetch(String url) throws Exception;
    }

    /** Simulates a blocking download: prints, blocks for {@code latency}, prints, returns the contents. */
    public static String download(String url, Duration latency) throws InterruptedException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, but was " + latency);
        }
        System.out.println("Downloading " + url + "...");
        TimeUnit.NANOSECONDS.sleep(latency.toNanos());
        System.out.println("Finished " + url);
        return "contents of " + url;
    }

    /** Runs {@code fetch} for every url on {@code maxWorkers} threads; results in the order of {@code urls}. */
    public static <R> List<R> downloadAll(List<String> urls, int maxWorkers, Fetch<? extends R> fetch)
            throws InterruptedException, ExecutionException {
        Objects.requireNonNull(urls, "urls");
        Objects.requireNonNull(fetch, "fetch");
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be at least 1, but was " + maxWorkers);
        }
        for (int i = 0; i < urls.size(); i++) {
            Objects.requireNonNull(urls.get(i), "urls[" + i + "]");
        }
        if (urls.isEmpty()) {
            return new ArrayList<>();
        }

        ExecutorService executor = Executors.newFixedThreadPool(Math.min(maxWorkers, urls.size()));
        List<Future<? extends R>> futures = new ArrayList<>(urls.size());
        try {
            // Submit everything first, so that the waits overlap; only then collect, in input order.
            for (String url : urls) {
                futures.add(executor.submit(() -> fetch.fetch(url)));
            }
            List<R> results = new ArrayList<>(urls.size());
            for (Future<? extends R> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            // On failure or interrupt: queued fetches never start, running ones are interrupted.
            executor.shutdownNow();
            futures.forEach(future -> future.cancel(true));
        }
    }
}
