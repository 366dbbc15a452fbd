package concurrency.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.testing.NotImplementedYet;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:download")
@ExtendWith(NotImplementedYet.class)
class DownloaderTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final List<String> URLS =
            List.of("http://example.com/1", "http://example.com/2", "http://example.com/3");

    @Test
    @DisplayName("download returns \"contents of <url>\" after blocking for its latency.")
    void downloadBlocksAndReturnsContents() throws Exception {
        long start = System.nanoTime();
        String contents = assertTimeoutPreemptively(LIMIT,
                () -> Downloader.download("http://example.com/1", Duration.ofMillis(100)));
        long elapsed = millisSince(start);
        assertEquals("contents of http://example.com/1", contents,
                "download(\"http://example.com/1\", 100 ms) should return \"contents of http://example.com/1\", but"
                        + " returned \"" + contents + "\". Return \"contents of \" + url.");
        assertTrue(elapsed >= 95, "download(url, 100 ms) should block for 100 ms, but returned after " + elapsed
                + " ms. Block with Thread.sleep(latency.toMillis()).");
    }

    @Test
    @DisplayName("3 downloads of 300 ms on 3 workers take about 300 ms, not 900 ms (the lesson's example).")
    void threeDownloadsOverlap() {
        long start = System.nanoTime();
        List<String> results = assertTimeoutPreemptively(LIMIT,
                () -> Downloader.downloadAll(URLS, 3, url -> Downloader.download(url, Duration.ofMillis(300))));
        long elapsed = millisSince(start);
        assertEquals(List.of("contents of http://example.com/1", "contents of http://example.com/2",
                        "contents of http://example.com/3"), results,
                "downloadAll of 3 urls should return their contents in url order, but returned " + results
                        + ". Collect the futures in the order you submitted them.");
        assertTrue(elapsed < 600, "3 downloads of 300 ms on 3 workers should take about 300 ms, but took " + elapsed
                + " ms: they did not overlap. Submit every url before calling get() on any future.");
    }

    @Test
    @DisplayName("downloadAll returns the results in the order of the urls, even when later urls finish first.")
    void resultsInInputOrder() {
        List<String> urls = List.of("slow", "medium", "fast");
        List<Integer> lengths = assertTimeoutPreemptively(LIMIT, () -> Downloader.downloadAll(urls, 3, url -> {
            Thread.sleep(url.equals("slow") ? 200 : url.equals("medium") ? 100 : 0);
            return url.length();
        }));
        assertEquals(List.of(4, 6, 4), lengths, "downloadAll of [slow (200 ms), medium (100 ms), fast (0 ms)] should"
                + " return [4, 6, 4] in url order, but returned " + lengths
                + ". Keep the futures in a list and get() them in that order.");
    }

    @Test
    @DisplayName("downloadAll of no urls returns an empty list.")
    void noUrls() {
        List<String> results = assertTimeoutPreemptively(LIMIT,
                () -> Downloader.downloadAll(List.of(), 3, url -> "never"));
        assertTrue(results.isEmpty(), "downloadAll of no urls should return an empty list, but returned " + results
                + ". Return an empty list when there is nothing to fetch.");
    }

    @Test
    @DisplayName("downloadAll throws ExecutionException whose cause is the failing fetch's exception.")
    void failureBecomesExecutionException() {
        IOException failure = new IOException("404 for http://example.com/2");
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> assertTimeoutPreemptively(LIMIT, () -> Downloader.downloadAll(URLS, 3, url -> {
                    if (url.endsWith("/2")) {
                        throw failure;
                    }
                    return url;
                })),
                "downloadAll where the fetch of http://example.com/2 throws IOException should throw"
                        + " ExecutionException. Let the ExecutionException of Future.get() propagate.");
        assertSame(failure, thrown.getCause(), "downloadAll should throw ExecutionException whose cause is the"
                + " fetch's IOException, but the cause was " + thrown.getCause() + ". Do not wrap it again.");
    }

    @Test
    @DisplayName("downloadAll rejects maxWorkers 0 with IllegalArgumentException.")
    void rejectsZeroWorkers() {
        // Only the exception's type is graded, never the wording of its message.
        assertThrows(IllegalArgumentException.class,
                () -> assertTimeoutPreemptively(LIMIT, () -> Downloader.downloadAll(URLS, 0, url -> url)),
                "downloadAll(urls, 0, fetch) should throw IllegalArgumentException. Check maxWorkers >= 1 first.");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
