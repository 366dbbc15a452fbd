package concurrency.download;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Downloads many URLs at once on a fixed pool of worker threads.
 *
 * <p>Python's {@code ThreadPoolExecutor(max_workers=3).map(download, urls)} in Java. A download spends
 * its time waiting for the network, so while one thread waits another can start the next download:
 * three downloads of one second each take about one second on three workers, not three.
 *
 * <p>The Java tools: an {@link java.util.concurrent.ExecutorService} from
 * {@link java.util.concurrent.Executors#newFixedThreadPool(int)}, {@code submit} (which returns a
 * {@link java.util.concurrent.Future}), {@link java.util.concurrent.Future#get()} and
 * {@code shutdownNow()} in a {@code finally} block. Do not create threads yourself with {@code new Thread}:
 * the pool owns its threads.
 */
public final class Downloader {

    private Downloader() {
    }

    /**
     * Fetches the contents of one url. It may block (waiting for the network) and may fail with any
     * exception.
     *
     * @param <R> the type of the result
     */
    @FunctionalInterface
    public interface Fetch<R> {
        /**
         * Fetches {@code url}.
         *
         * @param url the url to fetch
         * @return what was fetched
         * @throws Exception if the fetch failed
         */
        R fetch(String url) throws Exception;
    }

    /**
     * Simulates a blocking download, like the lesson's {@code download(url)}.
     *
     * <p>Prints {@code Downloading <url>...}, blocks the calling thread for {@code latency} (with
     * {@code Thread.sleep}: this is the "waiting for the network" part), prints {@code Finished <url>}
     * and returns {@code "contents of " + url}.
     *
     * @param url the url to download
     * @param latency how long the download blocks
     * @return {@code "contents of " + url}
     * @throws NullPointerException if {@code url} or {@code latency} is {@code null} (the message names
     *     the parameter)
     * @throws IllegalArgumentException if {@code latency} is negative (the message names the parameter
     *     and the value)
     * @throws InterruptedException if interrupted while blocked; let it propagate
     */
    public static String download(String url, Duration latency) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: print \"Downloading <url>...\", block with Thread.sleep(latency.toMillis()), print "
                        + "\"Finished <url>\", return \"contents of \" + url");
    }

    /**
     * Runs {@code fetch} for every url on {@code maxWorkers} threads and returns the results in the
     * order of {@code urls}: the lesson's {@code list(executor.map(download, urls))}.
     *
     * <ul>
     *   <li><b>Overlap.</b> Create an {@code ExecutorService} with {@code maxWorkers} threads
     *       ({@code Executors.newFixedThreadPool}). Submit <em>every</em> url first and keep the
     *       {@code Future}s in a list; only then call {@code get()} on each, in input order. So when
     *       fetches block, exactly {@code min(maxWorkers, urls.size())} of them run at the same time,
     *       and never more than {@code maxWorkers}.
     *   <li><b>Order.</b> The i-th result belongs to the i-th url, whichever fetch finished first.
     *       An empty list gives an empty list.
     *   <li><b>Failure.</b> If fetches fail, throw the {@code ExecutionException} from {@code get()}:
     *       its cause is the exception thrown by the first failing url in input order.
     *   <li><b>Shutdown.</b> The executor is shut down before this method returns on every path —
     *       success, failure and interrupt — so that none of its threads outlives the call: use
     *       {@code try { … } finally { executor.shutdownNow(); }}.
     *   <li><b>Interrupt.</b> If the calling thread is interrupted while waiting, throw the
     *       {@code InterruptedException}; the {@code finally} block's {@code shutdownNow()} interrupts
     *       the running fetches and drops the ones that have not started (cancelling the futures as
     *       well makes sure none starts later).
     *   <li><b>Bad input</b> is rejected before any thread is started.
     * </ul>
     *
     * <p>Pitfalls: calling {@code get()} right after each {@code submit} runs the fetches one after
     * another; {@code Executors.newCachedThreadPool()} ignores {@code maxWorkers}; forgetting
     * {@code shutdown} leaves idle threads behind after every call.
     *
     * @param urls the urls to fetch, none {@code null}
     * @param maxWorkers the number of worker threads, at least 1
     * @param fetch what to run for each url; called from the pool's threads
     * @param <R> the type of the results
     * @return the results, in the order of {@code urls}
     * @throws NullPointerException if {@code urls}, an element of it or {@code fetch} is {@code null}
     * @throws IllegalArgumentException if {@code maxWorkers < 1}
     * @throws ExecutionException if a fetch failed; its cause is the first failure in input order
     * @throws InterruptedException if interrupted while waiting; unfinished fetches are cancelled
     */
    public static <R> List<R> downloadAll(List<String> urls, int maxWorkers, Fetch<? extends R> fetch)
            throws InterruptedException, ExecutionException {
        throw new UnsupportedOperationException(
                "TODO: create an ExecutorService with Executors.newFixedThreadPool(maxWorkers), submit every "
                        + "url, then collect the futures in order with get(); shutdownNow() in a finally block");
    }
}
