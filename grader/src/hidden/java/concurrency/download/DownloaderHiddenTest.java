package concurrency.download;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kit.testing.AllowedTime;
import kit.testing.BadArguments;
import kit.testing.ConcurrencyProbe;
import kit.testing.Graded;
import kit.testing.Kind;
import kit.testing.PrintedLines;
import kit.testing.Stopwatch;
import kit.testing.ThreadSnapshot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hidden tests of {@code Downloader}: order, parallelism, failures, shutdown, interrupt, input checks, timing. */
@Tag("task:download")
class DownloaderHiddenTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(1);

    @Test
    @DisplayName("downloadAll returns the results in url order for 0, 1, 3 and 20 urls.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "The i-th result belongs to the i-th url, whichever fetch finished first.")
    void resultsInUrlOrder() throws Exception {
        for (int n : new int[] {0, 1, 3, 20}) {
            List<String> urls = urls(n);
            AtomicInteger calls = new AtomicInteger();
            // Later urls finish first, so a result list in completion order is caught.
            List<String> results = AllowedTime.within(LIMIT, "downloadAll(" + n + " urls, 4 workers)",
                    "Submit every url, then get() the futures in input order.",
                    () -> Downloader.downloadAll(urls, 4, url -> {
                        calls.incrementAndGet();
                        int index = Integer.parseInt(url.substring(url.lastIndexOf('/') + 1));
                        Thread.sleep((n - index) % 4 * 15L);
                        return "page " + index;
                    }));
            List<String> expected = IntStream.range(0, n).mapToObj(i -> "page " + i).collect(Collectors.toList());
            assertEquals(expected, results, "downloadAll of " + n + " urls (later urls finishing first) should return"
                    + " their results in url order " + abbreviate(expected) + ", but returned " + abbreviate(results)
                    + ". Keep the futures in a list in submission order and get() them in that order.");
            assertEquals(n, calls.get(), "downloadAll of " + n + " urls should call fetch once per url, but called it "
                    + calls.get() + " times. Submit each url exactly once.");
        }
    }

    @Test
    @DisplayName("downloadAll runs exactly min(maxWorkers, urls) fetches at once and never more.")
    @Graded(points = 2, kind = Kind.CORRECTNESS,
            requirement = "So when fetches block, exactly min(maxWorkers, urls.size()) of them run at the same time, and never more than maxWorkers.")
    void runsMinOfWorkersAndUrlsAtOnce() throws Exception {
        int[][] scenarios = {{4, 8}, {5, 2}, {1, 3}};
        for (int[] scenario : scenarios) {
            int workers = scenario[0];
            int n = scenario[1];
            int expected = Math.min(workers, n);
            ConcurrencyProbe probe = new ConcurrencyProbe(expected, Duration.ofSeconds(2), Duration.ofMillis(100));
            String call = "downloadAll(" + n + " urls, maxWorkers " + workers + ") with blocking fetches";
            List<String> results = AllowedTime.within(Duration.ofSeconds(8), call,
                    "Use a fixed pool of maxWorkers threads and submit every url before waiting.",
                    () -> Downloader.downloadAll(urls(n), workers, url -> {
                        probe.enter();
                        return url;
                    }));
            assertEquals(urls(n), results, call + " should return the urls' results in order, but returned "
                    + abbreviate(results) + ". Collect the futures in input order.");
            if (probe.barrierNeverFilled()) {
                fail(call + " should run " + expected + " fetches at the same time, but at most " + probe.maxConcurrent()
                        + " ran at once (waited 2 s for the others). Create the pool with maxWorkers threads"
                        + " (Executors.newFixedThreadPool(maxWorkers)) and submit every url before calling get().");
            }
            assertTrue(probe.maxConcurrent() <= workers, call + " should never run more than maxWorkers = " + workers
                    + " fetches at once, but " + probe.maxConcurrent() + " ran at the same time. A pool that grows"
                    + " (newCachedThreadPool) or a thread per url ignores maxWorkers: use newFixedThreadPool(maxWorkers).");
        }
    }

    @Test
    @DisplayName("downloadAll submits every url before it waits for any result.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Submit every url first and keep the Futures in a list; only then call get() on each, in input order.")
    void submitsEveryUrlBeforeWaiting() throws Exception {
        // With 2 workers: url 0 blocks until url 2 has started. That only happens if url 2 was submitted
        // while url 0 was still running, i.e. before anything was awaited.
        CountDownLatch thirdStarted = new CountDownLatch(1);
        AtomicReference<String> problem = new AtomicReference<>();
        List<String> urls = urls(4);
        List<String> results = AllowedTime.within(LIMIT, "downloadAll(4 urls, 2 workers)",
                "Submit every url first, then call get() on the futures.",
                () -> Downloader.downloadAll(urls, 2, url -> {
                    if (url.equals(urls.get(2))) {
                        thirdStarted.countDown();
                    } else if (url.equals(urls.get(0)) && !thirdStarted.await(2, TimeUnit.SECONDS)) {
                        problem.set("url 2 had not started 2 s after url 0 started, although url 1 had finished"
                                + " and a worker was free");
                    }
                    return url;
                }));
        if (problem.get() != null) {
            fail("downloadAll(4 urls, 2 workers), where url 0 waits for url 2 to start, should submit every url before"
                    + " waiting for any result, but " + problem.get() + ". Submit all urls in one loop and call get() in"
                    + " a second loop (waiting in batches of maxWorkers holds back the next batch).");
        }
        assertEquals(urls, results, "downloadAll(4 urls, 2 workers) should return the results in url order, but"
                + " returned " + results + ". Collect the futures in input order.");
    }

    @Test
    @DisplayName("downloadAll throws ExecutionException caused by the first failing url in input order.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "If fetches fail, throw the ExecutionException from get(): its cause is the exception thrown by the first failing url in input order.")
    void firstFailureInInputOrder() throws Exception {
        // url 2 fails first in time; url 1 fails later but comes first in the input.
        IOException first = new IOException("404 for url 1");
        IllegalStateException second = new IllegalStateException("500 for url 2");
        CountDownLatch secondFailed = new CountDownLatch(1);
        List<String> urls = urls(4);
        Throwable thrown = null;
        try {
            AllowedTime.within(LIMIT, "downloadAll(4 urls, 4 workers) where urls 1 and 2 fail",
                    "get() the futures in input order and let the first ExecutionException propagate.",
                    () -> Downloader.downloadAll(urls, 4, url -> {
                        if (url.equals(urls.get(2))) {
                            secondFailed.countDown();
                            throw second;
                        }
                        if (url.equals(urls.get(1))) {
                            secondFailed.await(2, TimeUnit.SECONDS);
                            Thread.sleep(50);
                            throw first;
                        }
                        return url;
                    }));
        } catch (UnsupportedOperationException stub) {
            throw stub;
        } catch (ExecutionException | RuntimeException e) {
            thrown = e;
        }
        if (!(thrown instanceof ExecutionException)) {
            fail("downloadAll(4 urls) where url 1 throws IOException and url 2 throws IllegalStateException should"
                    + " throw ExecutionException, but " + (thrown == null ? "it returned normally" : "it threw " + thrown)
                    + ". Let the ExecutionException of Future.get() propagate unchanged.");
        }
        // A ForkJoinPool's get() hands out a copy of the failure (same type, the original as its cause).
        Throwable cause = thrown.getCause();
        boolean sameOrCopy = cause == first
                || (cause != null && cause.getClass() == first.getClass() && cause.getCause() == first);
        assertTrue(sameOrCopy, "downloadAll(4 urls) where url 2 fails at once and url 1 fails 50 ms later"
                + " should throw ExecutionException caused by url 1's IOException (first in input order), but the cause"
                + " was " + thrown.getCause() + ". get() the futures in input order instead of taking whichever fails first.");
    }

    @Test
    @DisplayName("downloadAll shuts its executor down: no thread it started is alive shortly after it returns or throws.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "The executor is shut down before this method returns on every path — success, failure and interrupt — so that none of its threads outlives the call")
    void shutsDownOnEveryPath() throws Exception {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        AllowedTime.within(LIMIT, "downloadAll(6 urls, 3 workers)", "Shut the executor down in a finally block.",
                () -> Downloader.downloadAll(urls(6), 3, url -> {
                    workers.add(Thread.currentThread());
                    return url;
                }));
        assertWorkersEnd(workers, "downloadAll(6 urls, 3 workers) that succeeded");

        workers.clear();
        try {
            AllowedTime.within(LIMIT, "downloadAll(6 urls, 3 workers) where url 3 fails",
                    "Shut the executor down in a finally block.",
                    () -> Downloader.downloadAll(urls(6), 3, url -> {
                        workers.add(Thread.currentThread());
                        if (url.endsWith("/3")) {
                            throw new IOException("404 for url 3");
                        }
                        return url;
                    }));
            fail("downloadAll(6 urls) where url 3 throws IOException should throw ExecutionException, but it returned"
                    + " normally. Let the ExecutionException of Future.get() propagate.");
        } catch (ExecutionException expected) {
            // the failure path, checked below
        }
        assertWorkersEnd(workers, "downloadAll(6 urls, 3 workers) that threw ExecutionException");
    }

    @Test
    @DisplayName("downloadAll, interrupted while waiting, throws InterruptedException and cancels the fetches.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "If the calling thread is interrupted while waiting, throw the InterruptedException; the finally block's shutdownNow() interrupts the running fetches and drops the ones that have not started")
    void interruptCancelsTheRest() throws Exception {
        CountDownLatch twoStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(Downloader.downloadAll(urls(6), 2, url -> {
                    workers.add(Thread.currentThread());
                    started.incrementAndGet();
                    twoStarted.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                    return url;
                }));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "hidden-test-download-caller");
        caller.setDaemon(true);
        try {
            caller.start();
            long startDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (caller.isAlive() && twoStarted.getCount() > 0 && System.nanoTime() < startDeadline) {
                twoStarted.await(5, TimeUnit.MILLISECONDS);
            }
            if (outcome.get() instanceof UnsupportedOperationException) {
                throw (UnsupportedOperationException) outcome.get();
            }
            if (twoStarted.getCount() > 0) {
                fail("downloadAll(6 urls, 2 workers) with blocking fetches should start 2 fetches at once, but only "
                        + started.get() + (caller.isAlive() ? " started within 3 s" : " started before it ended with "
                        + outcome.get()) + ". Use a fixed pool of maxWorkers threads and submit every url before"
                        + " waiting.");
            }
            caller.interrupt();
            caller.join(2000);
            if (caller.isAlive()) {
                fail("downloadAll(6 urls, 2 workers), interrupted while 2 fetches were blocked, should throw"
                        + " InterruptedException at once, but it was still running 2 s later (" + ThreadSnapshot.describe(caller)
                        + "). Let the InterruptedException of Future.get() propagate.");
            }
            Object result = outcome.get();
            if (!(result instanceof InterruptedException)) {
                fail("downloadAll(6 urls, 2 workers), interrupted while 2 fetches were blocked, should throw"
                        + " InterruptedException, but it " + (result instanceof Throwable ? "threw " + result
                        : "returned " + result) + ". Declare it and let it propagate; do not catch it.");
            }
            int startedWhenItReturned = started.get();
            long deadline = System.nanoTime() + GRACE.toNanos();
            while (interrupted.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(interrupted.get() >= 2, "downloadAll(6 urls, 2 workers), interrupted while 2 fetches were"
                    + " blocked, should interrupt the running fetches, but only " + interrupted.get() + " of them were"
                    + " interrupted within 1 s. Call executor.shutdownNow() in a finally block.");
            Thread.sleep(300);
            assertEquals(startedWhenItReturned, started.get(), "downloadAll(6 urls, 2 workers), interrupted while 2"
                    + " fetches were blocked, should start no fetch after it has thrown, but " + (started.get()
                    - startedWhenItReturned) + " more started within 300 ms. shutdownNow() drops the queued tasks;"
                    + " shutdown() alone still runs them.");
            assertWorkersEnd(workers, "downloadAll(6 urls, 2 workers) that was interrupted");
        } finally {
            release.countDown();
        }
    }

    @Test
    @DisplayName("downloadAll and download reject bad input with IllegalArgumentException or NullPointerException before starting any thread.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Bad input is rejected before any thread is started.")
    void rejectsBadInputBeforeStartingThreads() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Downloader.Fetch<String> fetch = url -> {
            calls.incrementAndGet();
            return url;
        };
        List<String> withNull = new ArrayList<>(urls(3));
        withNull.set(1, null);
        ThreadSnapshot before = ThreadSnapshot.take();

        assertAll("download and downloadAll with bad input",

                () -> expectRejected("downloadAll(3 urls, maxWorkers 0, fetch)", IllegalArgumentException.class,

                        () -> Downloader.downloadAll(urls(3), 0, fetch), "maxWorkers", "0"),

                () -> expectRejected("downloadAll(3 urls, maxWorkers -3, fetch)", IllegalArgumentException.class,

                        () -> Downloader.downloadAll(urls(3), -3, fetch), "maxWorkers", "-3"),

                () -> expectRejected("downloadAll(null, 2, fetch)", NullPointerException.class,

                        () -> Downloader.downloadAll(null, 2, fetch), "urls"),

                () -> expectRejected("downloadAll(3 urls, 2, null)", NullPointerException.class,

                        () -> Downloader.downloadAll(urls(3), 2, null), "fetch"),

                () -> expectRejected("downloadAll([url 0, null, url 2], 2, fetch)", NullPointerException.class,

                        () -> Downloader.downloadAll(withNull, 2, fetch), "url"),

                () -> expectRejected("download(null, 10 ms)", NullPointerException.class,

                        () -> Downloader.download(null, Duration.ofMillis(10)), "url"),

                () -> expectRejected("download(url, null)", NullPointerException.class,

                        () -> Downloader.download("http://example.com/1", null), "latency"),

                () -> expectRejected("download(url, -10 ms)", IllegalArgumentException.class,

                        () -> Downloader.download("http://example.com/1", Duration.ofMillis(-10)), "latency"),
                () -> assertEquals(0, calls.get(), "downloadAll with bad input should throw before fetching anything,"
                        + " but fetch was called " + calls.get() + " times. Check every argument and every url first."),
                () -> {
                    List<Thread> leftOver = before.threadsStillAliveAfter(Duration.ofMillis(300));
                    assertTrue(leftOver.isEmpty(), "downloadAll with bad input should throw before starting any"
                            + " thread, but these threads were still alive afterwards: "
                            + ThreadSnapshot.describe(leftOver) + ". Validate the arguments before creating the"
                            + " executor.");
                });
    }

    @Test
    @DisplayName("3 downloads of 300 ms on 3 workers take well under 2 × 300 ms (the lesson's example, scaled).")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "three downloads of one second each take about one second on three workers, not three.")
    void lessonExampleScaled() throws Exception {
        List<String> urls = List.of("http://example.com/1", "http://example.com/2", "http://example.com/3");
        List<String> expected = urls.stream().map(url -> "contents of " + url).collect(Collectors.toList());
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 2 && best >= 600; attempt++) {
            Stopwatch watch = Stopwatch.start();
            List<String> results = AllowedTime.within(LIMIT, "downloadAll(3 urls, 3 workers, download 300 ms)",
                    "Submit every url before waiting for any result.",
                    () -> Downloader.downloadAll(urls, 3, url -> Downloader.download(url, Duration.ofMillis(300))));
            long elapsed = watch.millis();
            assertEquals(expected, results, "downloadAll(3 urls, 3 workers, download 300 ms) should return "
                    + expected + ", but returned " + results + ". download returns \"contents of \" + url.");
            assertTrue(elapsed >= 290, "3 downloads of 300 ms should take at least 300 ms, but took " + elapsed
                    + " ms. download must block for its latency (Thread.sleep).");
            best = Math.min(best, elapsed);
        }
        assertTrue(best < 600, "3 downloads of 300 ms on 3 workers should take about 300 ms (well under 600 ms), but"
                + " took " + best + " ms (best of 2 runs; one after another would take 900 ms). Submit every url"
                + " before calling get() on any future.");
    }

    @Test
    @DisplayName("downloadAll runs the fetches on an ExecutorService's threads and starts no Thread itself.")
    @Graded(points = 1, kind = Kind.API,
            requirement = "Do not create threads yourself with new Thread: the pool owns its threads.")
    void usesAnExecutorService() throws Exception {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        // The thread that calls downloadAll (AllowedTime runs the call on a thread of its own).
        AtomicReference<Thread> callerThread = new AtomicReference<>();
        List<String> results = AllowedTime.within(LIMIT, "downloadAll(6 urls, 2 workers)",
                "Use Executors.newFixedThreadPool(maxWorkers).", () -> {
                    callerThread.set(Thread.currentThread());
                    return Downloader.downloadAll(urls(6), 2, url -> {
                        workers.add(Thread.currentThread());
                        Thread.sleep(20);
                        return url;
                    });
                });
        Thread caller = callerThread.get();
        assertEquals(urls(6), results, "downloadAll(6 urls, 2 workers) should return the results in url order, but"
                + " returned " + results + ". Collect the futures in input order.");
        assertTrue(!workers.contains(caller) && workers.size() <= 2, "downloadAll(6 urls, 2 workers) should run the"
                + " fetches on the 2 threads of a pool, but they ran on " + workers.size() + " different threads"
                + (workers.contains(caller) ? ", one of them the caller's" : "") + ". A pool reuses its threads: use"
                + " Executors.newFixedThreadPool(maxWorkers) instead of a new Thread per url.");
        List<String> violations = DownloadApi.violations();
        assertTrue(violations.isEmpty(), "Downloader should get its threads from an ExecutorService and start none"
                + " itself, but " + String.join("; ", violations) + ". Create the pool with"
                + " Executors.newFixedThreadPool(maxWorkers) and submit the fetches to it.");
    }

    /** {@code mustMention[0]}, if given, is the parameter a helpful message names (a hint, never graded); the rest is unused. */
    private static void expectRejected(String call, Class<? extends RuntimeException> type,
            AllowedTime.ThrowingRunnable code, String... mustMention) {
        BadArguments.expect(type, mustMention.length == 0 ? null : mustMention[0], call, () -> {
            code.run();
            return null;
        });
    }

    private static void assertWorkersEnd(Set<Thread> workers, String call) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (Thread worker : workers) {
            worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        List<Thread> alive = workers.stream().filter(Thread::isAlive).collect(Collectors.toList());
        assertTrue(alive.isEmpty(), call + " should shut its executor down before returning, but " + alive.size()
                + " of its " + workers.size() + " worker threads were still alive 1 s later: "
                + ThreadSnapshot.describe(alive) + ". Call executor.shutdownNow() (or shutdown()) in a finally block.");
    }

    private static List<String> urls(int n) {
        return IntStream.range(0, n).mapToObj(i -> "http://example.com/" + i).collect(Collectors.toList());
    }

    private static String abbreviate(List<?> list) {
        if (list == null || list.size() <= 6) {
            return String.valueOf(list);
        }
        return "[" + list.subList(0, 3).stream().map(String::valueOf).collect(Collectors.joining(", ")) + ", …, "
                + list.get(list.size() - 1) + "] (" + list.size() + " items)";
    }

    @Test
    @DisplayName("download prints Downloading <url>... and Finished <url>, and returns \"contents of \" + url.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "prints Finished <url> and returns \"contents of \" + url.")
    void downloadPrintsItsProgress() throws Exception {
        String url = "http://example.com/progress";
        String scenario = "download(\"" + url + "\", 50 ms)";
        try (PrintedLines printed = PrintedLines.record()) {
            String contents = AllowedTime.within(LIMIT, scenario, "Sleep for the latency, then return.",
                    () -> Downloader.download(url, Duration.ofMillis(50)));
            assertEquals("contents of " + url, contents, scenario + " should return \"contents of " + url
                    + "\", but returned \"" + contents + "\".");
            printed.expectLine(scenario, "Downloading " + url + "...", "Downloading", url);
            printed.expectLine(scenario, "Finished " + url, "Finished", url);
        }
    }
}
