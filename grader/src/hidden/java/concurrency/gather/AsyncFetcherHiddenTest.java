package concurrency.gather;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import concurrency.gather.AsyncFetcher.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kit.testing.AllowedTime;
import kit.testing.AsyncResults;
import kit.testing.BadArguments;
import kit.testing.Graded;
import kit.testing.Kind;
import kit.testing.PrintedLines;
import kit.testing.Stopwatch;
import kit.testing.ThreadSnapshot;
import kit.testing.WaitingStudentThreads;
import kit.testing.WaitingStudentThreads.Watched;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** fetchUrl, fetchSequentially/fetchConcurrently and the async-versus-sync comparison. */
@Tag("task:gather")
class AsyncFetcherHiddenTest {

    private static final String PACKAGE = "concurrency.gather";
    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final Duration CALL_LIMIT = Duration.ofSeconds(2);

    @Test
    @DisplayName("fetchUrl returns at once and completes with \"Data from <name>\" no earlier than its delay.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "the returned future completes delay later with \"Data from \" + name")
    void fetchUrlReturnsAtOnceAndCompletesAfterItsDelay() throws Exception {
        String scenario = "fetchUrl(\"page1\", 200 ms)";
        warmUp();
        Stopwatch clock = Stopwatch.start();
        Watched<CompletableFuture<String>> call = WaitingStudentThreads.watch(PACKAGE, CALL_LIMIT, scenario,
                "Return the future at once and let a timer complete it.", () -> AsyncFetcher.fetchUrl("page1", ms(200)));
        CompletableFuture<String> page = call.value();
        AtomicLong completedAt = new AtomicLong(-1);
        CompletableFuture<String> observed = page == null ? null
                : page.whenComplete((value, failure) -> completedAt.set(clock.millis()));
        String data = AsyncResults.value(observed, LIMIT, scenario, "Complete the future when the delay is over.");
        assertEquals("Data from page1", data, scenario + " should complete with \"Data from page1\", but completed with \""
                + data + "\". Return \"Data from \" + name.");
        assertReturnedAtOnce(call, scenario, "Let CompletableFuture.delayedExecutor do the waiting instead of the caller.");
        assertTrue(completedAt.get() >= 199, scenario + " should complete no earlier than its delay, but completed "
                + completedAt.get() + " ms after the call. Pass the delay to the timer.");
    }

    @Test
    @DisplayName("While 1000 fetches are in flight no thread waits for them, and no thread is started per fetch.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "No thread sleeps or waits in between.")
    void thousandFetchesDoNotTakeAThreadEach() throws Exception {
        requireFetchNotToOccupyAThread();
        ThreadSnapshot before = ThreadSnapshot.take();
        // 1 s per fetch: threads started one per fetch overlap even when starting 1000 of them is slow under load.
        List<CompletableFuture<String>> fetches = startFetches(1000, ms(1000));
        // The first look comes right after the last fetch started: a thread per fetch is alive until its delay is over.
        int maxNewThreads = before.newThreads().size();
        Stopwatch clock = Stopwatch.start();
        while (clock.millis() < 150 && fetches.stream().anyMatch(fetch -> !fetch.isDone())) {
            Thread.sleep(10);
            maxNewThreads = Math.max(maxNewThreads, before.newThreads().size());
        }
        Optional<String> waiting = WaitingStudentThreads.sample(PACKAGE, ms(50));
        awaitAll(fetches, "1000 × fetchUrl(…, 1000 ms)");
        assertTrue(maxNewThreads <= 16, "While 1000 fetches of 1000 ms were in flight, no thread should be started per fetch,"
                + " but " + maxNewThreads + " threads were started. Use one shared timer (CompletableFuture.delayedExecutor"
                + " or one ScheduledExecutorService), not a thread or an executor per fetch.");
        assertTrue(waiting.isEmpty(), "While 1000 fetches of 1000 ms were in flight, no thread should wait for them, but "
                + waiting.orElse("") + " did. Let a timer complete each future instead of waiting.");
    }

    @Test
    @DisplayName("1000 fetches of 200 ms started at once all complete after about one delay.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "That is why thousands of fetches can be in flight at once on a handful of threads.")
    void thousandFetchesTakeAboutOneDelay() throws Exception {
        requireFetchNotToOccupyAThread();
        Stopwatch clock = Stopwatch.start();
        List<CompletableFuture<String>> fetches = startFetches(1000, ms(200));
        awaitAll(fetches, "1000 × fetchUrl(…, 200 ms)");
        long elapsed = clock.millis();
        for (int i = 0; i < fetches.size(); i++) {
            String data = fetches.get(i).getNow(null);
            assertEquals("Data from page-" + i, data, "fetchUrl(\"page-" + i + "\", 200 ms) should complete with \"Data"
                    + " from page-" + i + "\", but completed with \"" + data + "\". Return \"Data from \" + name.");
        }
        assertTrue(elapsed >= 199 && elapsed <= 1000, "1000 fetches of 200 ms started at once should all complete after"
                + " about 200 ms, but took " + elapsed + " ms. Every fetch must wait on a timer, at the same time as the others.");
    }

    @Test
    @DisplayName("fetchSequentially and fetchConcurrently return at once and complete with the results in request order.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Starts every fetch at once and gathers the results in request order.")
    void sequentialAndConcurrentKeepRequestOrder() throws Exception {
        List<Request> requests = List.of(new Request("a", ms(90)), new Request("b", ms(30)), new Request("c", ms(60)));
        List<String> expected = List.of("Data from a", "Data from b", "Data from c");
        for (boolean sequential : new boolean[] {true, false}) {
            String scenario = (sequential ? "fetchSequentially" : "fetchConcurrently") + " of a (90 ms), b (30 ms), c (60 ms)";
            Watched<CompletableFuture<List<String>>> call = WaitingStudentThreads.watch(PACKAGE, CALL_LIMIT, scenario,
                    "Chain or gather the futures; never join() them.",
                    () -> sequential ? AsyncFetcher.fetchSequentially(requests) : AsyncFetcher.fetchConcurrently(requests));
            CompletableFuture<List<String>> results = call.value();
            Optional<String> waiting = WaitingStudentThreads.sample(PACKAGE, ms(400), () -> results == null || results.isDone());
            List<String> data = AsyncResults.value(results, LIMIT, scenario, "Complete it when the last fetch has completed.");
            assertEquals(expected, data, scenario + " should complete with " + expected + ", but completed with " + data
                    + ". Keep the results in request order, not in completion order.");
            assertReturnedAtOnce(call, scenario, "Chain with thenCompose (or gather) instead of calling join() or get().");
            assertTrue(waiting.isEmpty(), scenario + " should not block any thread, but " + waiting.orElse("")
                    + " waited. Chain with thenCompose (or gather) instead of calling join() or get().");
        }
        List<String> none = AsyncResults.value(AsyncFetcher.fetchSequentially(List.of()), LIMIT,
                "fetchSequentially of no requests", "Start from a completed future of an empty list.");
        assertEquals(List.of(), none, "fetchSequentially of no requests should complete with [], but completed with " + none
                + ". Start from a completed future of an empty list.");
    }

    @Test
    @DisplayName("fetchSequentially of 90 ms, 60 ms and 30 ms takes about the sum of the delays, 180 ms.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "Fetches the requests one after another: each fetch starts only when the previous one has completed.")
    void sequentialTakesTheSum() throws Exception {
        String scenario = "fetchSequentially of 90 ms, 60 ms and 30 ms";
        List<Request> requests = List.of(new Request("p1", ms(90)), new Request("p2", ms(60)), new Request("p3", ms(30)));
        Stopwatch clock = Stopwatch.start();
        CompletableFuture<List<String>> results = AllowedTime.within(CALL_LIMIT, scenario,
                "Chain the fetches with thenCompose.", () -> AsyncFetcher.fetchSequentially(requests));
        AsyncResults.value(results, LIMIT, scenario, "Complete it when the last fetch has completed.");
        long elapsed = clock.millis();
        assertTrue(elapsed >= 179, scenario + " should take about 180 ms, one fetch after the other, but took only " + elapsed
                + " ms: the fetches overlapped. Start each fetch in a thenCompose of the previous one.");
        assertTrue(elapsed <= 720, scenario + " should take about 180 ms, but took " + elapsed
                + " ms. Start the next fetch as soon as the previous one completed.");
    }

    @Test
    @DisplayName("fetchConcurrently of 4 × 150 ms takes about the longest delay, not the sum.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "Returns at once; the future completes after about the longest delay.")
    void concurrentTakesTheLongest() throws Exception {
        String scenario = "fetchConcurrently of 4 × 150 ms";
        List<Request> requests = IntStream.range(0, 4).mapToObj(i -> new Request("q" + i, ms(150))).toList();
        // Best of 2: one run slowed down by a busy machine is not held against the code.
        long elapsed = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 2 && elapsed >= 450; attempt++) {
            Stopwatch clock = Stopwatch.start();
            CompletableFuture<List<String>> results = AllowedTime.within(CALL_LIMIT, scenario,
                    "Start every fetch, then gather.", () -> AsyncFetcher.fetchConcurrently(requests));
            AsyncResults.value(results, LIMIT, scenario, "Complete it when the last fetch has completed.");
            long millis = clock.millis();
            assertTrue(millis >= 149, scenario + " should take at least the longest delay, 150 ms, but took " + millis
                    + " ms. Complete it only when every fetch has completed.");
            elapsed = Math.min(elapsed, millis);
        }
        assertTrue(elapsed < 450, scenario + " should take about 150 ms (the longest delay; the sum is"
                + " 600 ms), but took " + elapsed + " ms (best of 2). Start every fetch before waiting for any of them.");
    }

    @Test
    @DisplayName("downloadAllSync(5, 40 ms) blocks for about 5 × 40 ms and returns [0, 1, 2, 3, 4].")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "Downloads n items one after another with a blocking wait of latency each, and returns [0, 1, …, n-1] after about n × latency.")
    void syncTakesNTimesTheLatency() throws Exception {
        String scenario = "downloadAllSync(5, 40 ms)";
        Stopwatch clock = Stopwatch.start();
        List<Integer> results = AllowedTime.within(LIMIT, scenario, "Sleep once per download.",
                () -> AsyncFetcher.downloadAllSync(5, ms(40)));
        long elapsed = clock.millis();
        assertEquals(List.of(0, 1, 2, 3, 4), results, scenario + " should return [0, 1, 2, 3, 4], but returned " + results
                + ". Add i after download i.");
        assertTrue(elapsed >= 199 && elapsed <= 1200, scenario + " should block for about 200 ms (5 blocking downloads one"
                + " after another), but returned after " + elapsed + " ms. Call Thread.sleep(latency) once per download.");
        List<Integer> none = AllowedTime.within(LIMIT, "downloadAllSync(0, 40 ms)", "Return an empty list.",
                () -> AsyncFetcher.downloadAllSync(0, ms(40)));
        assertEquals(List.of(), none, "downloadAllSync(0, 40 ms) should return [], but returned " + none + ".");
    }

    @Test
    @DisplayName("downloadAllAsync(100, 150 ms) returns at once and completes with [0, …, 99] after about one latency.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "Starts n non-blocking downloads of latency each at once and returns at once; the future completes with [0, 1, …, n-1] after about one latency, even for n = 100.")
    void asyncTakesAboutOneLatency() throws Exception {
        String probe = "downloadAllAsync(1, 100 ms)";
        CompletableFuture<List<Integer>> one = AllowedTime.within(CALL_LIMIT, probe, "Return the future at once.",
                () -> AsyncFetcher.downloadAllAsync(1, ms(100)));
        Optional<String> waiting = WaitingStudentThreads.sample(PACKAGE, ms(400), () -> one == null || one.isDone());
        AsyncResults.value(one, LIMIT, probe, "Complete it after the latency.");
        assertTrue(waiting.isEmpty(), probe + " should not occupy a thread while it waits, but " + waiting.orElse("")
                + " did: 100 such downloads would wait one after another. Use a timer (CompletableFuture.delayedExecutor)"
                + " instead of Thread.sleep.");

        String scenario = "downloadAllAsync(100, 150 ms)";
        Stopwatch clock = Stopwatch.start();
        Watched<CompletableFuture<List<Integer>>> call = WaitingStudentThreads.watch(PACKAGE, CALL_LIMIT, scenario,
                "Return the future at once.", () -> AsyncFetcher.downloadAllAsync(100, ms(150)));
        CompletableFuture<List<Integer>> all = call.value();
        List<Integer> results = AsyncResults.value(all, LIMIT, scenario, "Start all 100 downloads at once, each on a timer.");
        long elapsed = clock.millis();
        List<Integer> expected = IntStream.range(0, 100).boxed().collect(Collectors.toList());
        assertEquals(expected, results, scenario + " should complete with [0, …, 99] in order, but completed with "
                + results + ". Gather the downloads in input order.");
        assertReturnedAtOnce(call, scenario, "Return the gathered future without waiting for it.");
        assertTrue(elapsed >= 149 && elapsed <= 600, scenario + " should complete after about 150 ms (one latency; 100 × 150"
                + " ms one after another would be 15 s), but took " + elapsed + " ms. Start every download before waiting.");
        List<Integer> none = AsyncResults.value(AsyncFetcher.downloadAllAsync(0, ms(200)), LIMIT, "downloadAllAsync(0, 200 ms)",
                "Gather an empty list.");
        assertEquals(List.of(), none, "downloadAllAsync(0, 200 ms) should complete with [], but completed with " + none + ".");
    }

    @Test
    @DisplayName("fetchUrl, gather, fetchSequentially, fetchConcurrently, downloadAllSync and downloadAllAsync throw NullPointerException for a null argument or element and IllegalArgumentException for a negative delay or count.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Bad input: a null argument or list element → NullPointerException naming the parameter; a negative Duration or count → IllegalArgumentException naming the parameter and its value.")
    void rejectsBadArguments() {
        List<CompletableFuture<String>> withNull = new ArrayList<>();
        withNull.add(CompletableFuture.completedFuture("a"));
        withNull.add(null);
        assertAll("AsyncFetcher with bad arguments",
                () -> BadArguments.expect(NullPointerException.class, "name", "fetchUrl(null, 100 ms)",
                        () -> AsyncFetcher.fetchUrl(null, ms(100))),
                () -> BadArguments.expect(NullPointerException.class, "delay", "fetchUrl(\"x\", null)",
                        () -> AsyncFetcher.fetchUrl("x", null)),
                () -> BadArguments.expect(IllegalArgumentException.class, "delay", "fetchUrl(\"x\", -1 ms)",
                        () -> AsyncFetcher.fetchUrl("x", ms(-1))),
                () -> BadArguments.expect(NullPointerException.class, "stages", "gather(null)", () -> AsyncFetcher.gather(null)),
                () -> BadArguments.expect(NullPointerException.class, null, "gather([completed, null])", () -> AsyncFetcher.gather(withNull)),
                () -> BadArguments.expect(NullPointerException.class, "requests", "fetchSequentially(null)",
                        () -> AsyncFetcher.fetchSequentially(null)),
                () -> BadArguments.expect(NullPointerException.class, "requests", "fetchConcurrently(null)",
                        () -> AsyncFetcher.fetchConcurrently(null)),
                // A bad element behind a good one: rejected at once, not when the chain reaches it 1 s later.
                () -> BadArguments.expect(NullPointerException.class, null, "fetchSequentially([page1 1 s, null])",
                        () -> AsyncFetcher.fetchSequentially(Arrays.asList(new AsyncFetcher.Request("page1", ms(1000)), null))),
                () -> BadArguments.expect(IllegalArgumentException.class, "delay", "fetchSequentially([page1 1 s, page2 -1 ms])",
                        () -> AsyncFetcher.fetchSequentially(List.of(new AsyncFetcher.Request("page1", ms(1000)),
                                new AsyncFetcher.Request("page2", ms(-1))))),
                () -> BadArguments.expect(NullPointerException.class, "latency", "downloadAllSync(0, null)",
                        () -> AsyncFetcher.downloadAllSync(0, null)),
                () -> BadArguments.expect(IllegalArgumentException.class, "latency", "downloadAllSync(0, -1 ms)",
                        () -> AsyncFetcher.downloadAllSync(0, ms(-1))),
                () -> BadArguments.expect(IllegalArgumentException.class, "n", "downloadAllSync(-1, 10 ms)",
                        () -> AsyncFetcher.downloadAllSync(-1, ms(10))),
                () -> BadArguments.expect(IllegalArgumentException.class, "n", "downloadAllAsync(-1, 10 ms)",
                        () -> AsyncFetcher.downloadAllAsync(-1, ms(10))),
                () -> BadArguments.expect(IllegalArgumentException.class, "latency", "downloadAllAsync(3, -1 ms)",
                        () -> AsyncFetcher.downloadAllAsync(3, ms(-1))));
    }

    /**
     * Fails at once when one fetch occupies a thread while it waits — before starting 1000 of them, which
     * would keep a pool busy for minutes and spoil the tests that run after this one.
     */
    private static void requireFetchNotToOccupyAThread() throws Exception {
        String probe = "fetchUrl(\"probe\", 120 ms)";
        Watched<CompletableFuture<String>> call = WaitingStudentThreads.watch(PACKAGE, CALL_LIMIT, probe,
                "Return the future at once.", () -> AsyncFetcher.fetchUrl("probe", ms(120)));
        CompletableFuture<String> page = call.value();
        Optional<String> waiting = WaitingStudentThreads.sample(PACKAGE, ms(500), () -> page == null || page.isDone());
        AsyncResults.value(page, LIMIT, probe, "Complete the future when the delay is over.");
        assertReturnedAtOnce(call, probe, "Let CompletableFuture.delayedExecutor do the waiting.");
        if (waiting.isPresent()) {
            fail(probe + " should not occupy a thread while it waits, but " + waiting.get() + " did — 1000 fetches"
                    + " would need 1000 threads. Use CompletableFuture.delayedExecutor instead of Thread.sleep.");
        }
    }

    /** Fails unless the calling thread (and every other thread) stayed out of waits in student code during the call. */
    static void assertReturnedAtOnce(Watched<?> call, String scenario, String hint) {
        assertTrue(call.waiting().isEmpty(), scenario + " should return at once, without waiting, but "
                + call.waiting().orElse("") + " waited during the call (" + call.millis() + " ms). " + hint);
    }

    /** Runs fetchUrl once, so that class loading does not count against the first timed call. */
    private static void warmUp() throws Exception {
        CompletableFuture<String> page = AllowedTime.within(CALL_LIMIT, "fetchUrl(\"warm-up\", 1 ms)",
                "Return the future at once.", () -> AsyncFetcher.fetchUrl("warm-up", ms(1)));
        AsyncResults.value(page, LIMIT, "fetchUrl(\"warm-up\", 1 ms)", "Complete the future when the delay is over.");
    }

    private static List<CompletableFuture<String>> startFetches(int count, Duration delay) throws Exception {
        String scenario = count + " × fetchUrl(…, " + delay.toMillis() + " ms)";
        return AllowedTime.within(CALL_LIMIT, scenario, "fetchUrl must return at once.", () -> {
            List<CompletableFuture<String>> fetches = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                fetches.add(AsyncFetcher.fetchUrl("page-" + i, delay));
            }
            return fetches;
        });
    }

    private static void awaitAll(List<CompletableFuture<String>> fetches, String scenario) throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new));
        boolean done = AsyncResults.eventually(all::isDone, LIMIT);
        if (!done) {
            long completed = fetches.stream().filter(CompletableFuture::isDone).count();
            fail(scenario + " should all complete within " + AllowedTime.seconds(LIMIT) + ", but only " + completed
                    + " had completed then. Every fetch must wait on a timer, not on a thread.");
        }
        Throwable failure = AsyncResults.failureOfDone(all);
        if (failure != null) {
            fail(scenario + " should all complete normally, but one failed with " + failure + ".", failure);
        }
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    @DisplayName("fetchUrl prints Fetching <name>... when called and Completed <name> when its future completes.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Prints Fetching <name>... now; the returned future completes delay later with \"Data from \" + name, printing Completed <name> at that moment.")
    void fetchUrlPrintsItsProgress() throws Exception {
        String scenario = "fetchUrl(\"progress-page\", 50 ms)";
        try (PrintedLines printed = PrintedLines.record()) {
            CompletableFuture<String> page = AllowedTime.within(CALL_LIMIT, scenario, "Return the future at once.",
                    () -> AsyncFetcher.fetchUrl("progress-page", ms(50)));
            printed.expectLine(scenario, "Fetching progress-page...", "Fetching", "progress-page");
            String data = AsyncResults.value(page, Duration.ofSeconds(5), scenario, "Complete it after the delay.");
            assertEquals("Data from progress-page", data, scenario + " should complete with \"Data from progress-page\","
                    + " but completed with \"" + data + "\".");
            printed.expectLine(scenario, "Completed progress-page", "Completed", "progress-page");
        }
    }

    @Test
    @DisplayName("fetchSequentially and fetchConcurrently check every request before they start the first fetch.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "A list of requests is checked whole before its first fetch starts.")
    void requestsAreCheckedBeforeAnyFetch() throws Exception {
        try (PrintedLines printed = PrintedLines.record()) {
            BadArguments.expect(NullPointerException.class, null, "fetchConcurrently([early-page 1 s, null])",
                    () -> AsyncFetcher.fetchConcurrently(Arrays.asList(new Request("early-page", ms(1000)), null)));
            BadArguments.expect(IllegalArgumentException.class, "delay", "fetchConcurrently([early-page 1 s, late-page -1 ms])",
                    () -> AsyncFetcher.fetchConcurrently(List.of(new Request("early-page", ms(1000)), new Request("late-page", ms(-1)))));
            BadArguments.expect(NullPointerException.class, null, "fetchSequentially([early-page 1 s, null])",
                    () -> AsyncFetcher.fetchSequentially(Arrays.asList(new Request("early-page", ms(1000)), null)));
            List<String> started = printed.lines().stream().filter(line -> line.contains("early-page"))
                    .collect(Collectors.toList());
            assertTrue(started.isEmpty(), "fetchConcurrently and fetchSequentially with a bad request after a good one"
                    + " should throw before fetching anything, but the good request was fetched first (printed "
                    + started + "). Check every request in a loop of its own, then start the fetches.");
        }
    }
}
