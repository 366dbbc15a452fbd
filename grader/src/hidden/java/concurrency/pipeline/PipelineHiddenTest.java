package concurrency.pipeline;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kit.testing.AllowedTime;
import kit.testing.BadArguments;
import kit.testing.Graded;
import kit.testing.Kind;
import kit.testing.PrintedLines;
import kit.testing.Stopwatch;
import kit.testing.ThreadSnapshot;
import kit.testing.ThreadStates;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hidden tests of {@code Pipeline}: the pill, blocking waits, bounded hand-over, every item once, input checks. */
@Tag("task:pipeline")
class PipelineHiddenTest {

    private static final String PILL = Pipeline.POISON_PILL;
    private static final Duration LIMIT = Duration.ofSeconds(3);

    @Test
    @DisplayName("consume hands the items before the pill to the sink, returns their number and leaves later items in the queue.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "It stops at the first pill: items behind the pill stay in the queue for another consumer.")
    void consumeStopsAtThePill() throws Exception {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(List.of("a", "b", "c", PILL, "d", "e"));
        List<String> sink = Collections.synchronizedList(new ArrayList<>());
        int count = within("consume([a, b, c, pill, d, e])", "Return as soon as you take the pill.",
                () -> Pipeline.consume(queue, sink::add));
        assertEquals(List.of("a", "b", "c"), sink, "consume of [a, b, c, pill, d, e] should hand a, b, c to the sink in"
                + " order, but the sink got " + sink + ". Call sink.accept for each item taken before the pill.");
        assertEquals(3, count, "consume of [a, b, c, pill, d, e] should return 3, but returned " + count
                + ". Count the items handed to the sink, not the pill.");
        List<String> left = withoutPills(queue);
        assertEquals(List.of("d", "e"), left, "consume of [a, b, c, pill, d, e] should leave d and e in the queue for"
                + " another consumer, but the queue then held " + left + ". Stop taking at the first pill.");
    }

    @Test
    @DisplayName("consume stops at an item equal to POISON_PILL that is not the same String object.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "compare with the pill using equals, not ==.")
    void consumeComparesThePillWithEquals() throws Exception {
        String equalPill = new String(PILL.toCharArray());
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(List.of("a", equalPill, "b"));
        List<String> sink = Collections.synchronizedList(new ArrayList<>());
        int count = within("consume([a, new String(POISON_PILL), b])",
                "Compare with POISON_PILL.equals(item), not ==.", () -> Pipeline.consume(queue, sink::add));
        assertEquals(1, count, "consume of [a, a copy of POISON_PILL, b] should stop at the copy and return 1, but"
                + " returned " + count + " (the sink got " + sink + "). Compare with POISON_PILL.equals(item), not ==.");
        assertEquals(List.of("b"), withoutPills(queue), "consume of [a, a copy of POISON_PILL, b] should leave b in"
                + " the queue. Compare with POISON_PILL.equals(item), not ==.");
    }

    @Test
    @DisplayName("consume waits for items with a blocking call (take or poll with a timeout), never by spinning.")
    @Graded(points = 2, kind = Kind.API,
            requirement = "Wait with queue.take() (or poll(timeout, unit) in a loop) — never with a loop around poll(), isEmpty() or Thread.sleep.")
    void consumeBlocksWithoutSpinning() throws Exception {
        CountingQueue queue = new CountingQueue();
        List<String> sink = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                outcome.set(Pipeline.consume(queue, sink::add));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "hidden-test-consumer");
        consumer.setDaemon(true);
        consumer.start();
        try {
            awaitParkedOrEnded(consumer, Duration.ofSeconds(1));
            rethrowIfFailed(outcome.get());
            long immediateBefore = queue.immediateCalls();
            List<ThreadStates.Sample> samples = ThreadStates.sample(consumer, 20, Duration.ofMillis(200));
            long immediate = queue.immediateCalls() - immediateBefore;
            long parked = samples.stream().filter(ThreadStates.Sample::parked).count();
            String seen = samples.stream().map(String::valueOf).distinct().limit(3).collect(Collectors.joining(", "));
            assertTrue(parked >= 15 && immediate <= 50, "consume on an empty queue should wait in a blocking call"
                    + " (take(), or poll(timeout) in a loop), but its thread was parked in only " + parked + " of 20"
                    + " samples over 200 ms (seen: " + seen + ") and it called poll()/peek()/size()/isEmpty() "
                    + immediate + " times meanwhile. A loop around poll() or isEmpty() (with or without sleep) is"
                    + " busy-waiting: use queue.take().");
            queue.put("late");
            queue.put(PILL);
            consumer.join(2000);
            assertFalse(consumer.isAlive(), "consume should return after the item \"late\" and the pill arrived, but"
                    + " it was still running 2 s later (" + ThreadSnapshot.describe(consumer) + "). Keep taking until"
                    + " the pill.");
            rethrowIfFailed(outcome.get());
            assertEquals(1, outcome.get(), "consume that waited on an empty queue and then got [late, pill] should"
                    + " return 1, but returned " + outcome.get() + ". Count the items handed to the sink.");
            assertEquals(List.of("late"), sink, "consume that waited on an empty queue and then got [late, pill] should"
                    + " hand \"late\" to the sink, but the sink got " + sink + ".");
        } finally {
            queue.offer(PILL); // stops a consumer that spins and ignores interrupts
            consumer.interrupt();
        }
    }

    @Test
    @DisplayName("produce puts every item in order and waits while the queue is full (put, not offer or add).")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "puts the item into the queue — waiting while the queue is full")
    void produceWaitsWhileTheQueueIsFull() throws Exception {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
        queue.put("x");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                Pipeline.produce(queue, List.of("a", "b", "c"), Duration.ZERO);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "hidden-test-producer");
        producer.setDaemon(true);
        producer.start();
        try {
            boolean waiting = awaitParkedOrEnded(producer, Duration.ofSeconds(2));
            failIfThrew(failure.get(), "produce([a, b, c]) into a full queue of capacity 1 should wait until there is"
                    + " room");
            if (!waiting) {
                List<String> held = new ArrayList<>(queue);
                fail("produce([a, b, c]) into a full queue of capacity 1 should wait until there is room, but it "
                        + (producer.isAlive() ? "did not block within 2 s (" + ThreadSnapshot.describe(producer) + ")"
                        : "returned at once") + " and the queue held " + held + ". offer() drops items and add()"
                        + " throws when the queue is full: use put().");
            }
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String item = queue.poll(2, TimeUnit.SECONDS);
                if (item == null) {
                    break;
                }
                taken.add(item);
            }
            producer.join(2000);
            failIfThrew(failure.get(), "produce([a, b, c]) into a full queue of capacity 1 should wait until there is"
                    + " room");
            assertEquals(List.of("x", "a", "b", "c"), taken, "produce([a, b, c]) into a full queue of capacity 1,"
                    + " emptied one item at a time, should deliver a, b, c in order after x, but the queue gave "
                    + taken + ". put each item once, in list order.");
            assertFalse(producer.isAlive(), "produce([a, b, c]) should return once every item is in the queue, but it"
                    + " was still running (" + ThreadSnapshot.describe(producer) + ").");
        } finally {
            producer.interrupt();
        }
    }

    @Test
    @DisplayName("run with 3 producers and 2 consumers (and with 1 producer and 3 consumers) delivers every item exactly once.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Join every consumer and return everything they consumed (in any order; each item exactly once).")
    void runDeliversEveryItemExactlyOnce() throws Exception {
        List<List<String>> threeBatches = List.of(batch("p", 6), batch("q", 6), batch("r", 6));
        // Room for every item and pill: this test never depends on a full queue (runWithCapacityOne grades that).
        checkEveryItemOnce(threeBatches, 2, 20, Duration.ofMillis(20));
        checkEveryItemOnce(List.of(batch("s", 10)), 3, 13, Duration.ofMillis(2));
    }

    @Test
    @DisplayName("run puts one poison pill per consumer, so that every consumer stops (2, 3 and 4 consumers).")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Join every producer; only then put exactly one POISON_PILL per consumer")
    void runStopsEveryConsumer() throws Exception {
        for (int consumers = 2; consumers <= 4; consumers++) {
            int n = consumers;
            List<String> consumed = within("run(2 batches of 3 items, " + n + " consumers, capacity 10, 0 ms)",
                    "Did every consumer get its own poison pill? Put one POISON_PILL per consumer after the producers"
                            + " have finished.",
                    () -> Pipeline.run(List.of(batch("a", 3), batch("b", 3)), n, 10, Duration.ZERO));
            assertEquals(6, consumed.size(), "run(2 batches of 3 items, " + n + " consumers) should return the 6"
                    + " items, but returned " + consumed + ". Put the pills only after every producer has finished.");
        }
    }

    @Test
    @DisplayName("run hands items over through a queue of capacity 1 while the producers are still producing.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Consumers must run while the producers are still producing: a full queue makes producers wait for them.")
    void runWithCapacityOne() throws Exception {
        List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        try {
            List<List<String>> batches = List.of(batch("a", 8), batch("b", 8));
            List<String> consumed = within("run(2 batches of 8 items, 2 consumers, capacity 1, 0 ms)",
                    "With capacity 1 a producer waits for a consumer after each item: start the consumers together"
                            + " with the producers.",
                    () -> Pipeline.run(batches, 2, 1, Duration.ZERO));
            List<String> expected = flatten(batches);
            if (!uncaught.isEmpty()) {
                fail("run(2 batches of 8 items, 2 consumers, capacity 1) should wait while the queue is full, but a"
                        + " thread died with " + uncaught.get(0) + ". add() throws \"Queue full\": use put().");
            }
            assertEquals(expected, sorted(consumed), "run(2 batches of 8 items, 2 consumers, capacity 1) should"
                    + " deliver all 16 items exactly once, but delivered " + sorted(consumed) + ". Use put(), which"
                    + " waits for room; offer() drops the item when the queue is full.");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    @DisplayName("3 producers of 5 items at 60 ms each take about 300 ms together, not 900 ms.")
    @Graded(points = 1, kind = Kind.TIMING,
            requirement = "Start one thread per batch that runs produce with interval")
    void producersRunAtTheSameTime() throws Exception {
        List<List<String>> batches = List.of(batch("a", 5), batch("b", 5), batch("c", 5));
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 2 && best >= 700; attempt++) {
            Stopwatch watch = Stopwatch.start();
            List<String> consumed = within("run(3 batches of 5 items, 3 consumers, capacity 16, 60 ms)",
                    "Start every producer before joining any.", () -> Pipeline.run(batches, 3, 16, Duration.ofMillis(60)));
            long elapsed = watch.millis();
            assertEquals(flatten(batches), sorted(consumed), "run(3 batches of 5 items, 3 consumers) should deliver"
                    + " all 15 items, but delivered " + sorted(consumed) + ".");
            assertTrue(elapsed >= 290, "run(3 batches of 5 items at 60 ms) should take at least 5 × 60 ms = 300 ms,"
                    + " but took " + elapsed + " ms. produce sleeps interval before each item.");
            best = Math.min(best, elapsed);
        }
        assertTrue(best < 700, "run(3 batches of 5 items at 60 ms) should take about 300 ms with the producers"
                + " running at the same time (well under 700 ms), but took " + best + " ms (best of 2; one producer"
                + " after another takes at least 900 ms). Start every producer thread before joining any.");
    }

    @Test
    @DisplayName("run creates its queue bounded by capacity (ArrayBlockingQueue(capacity) or similar).")
    @Graded(points = 1, kind = Kind.API,
            requirement = "Create one queue of capacity (new ArrayBlockingQueue<>(capacity)).")
    void runUsesABoundedQueue() throws Exception {
        // Room for the three items and the pill: this run never fills the queue, so its result does not
        // depend on timing; whether the queue is bounded is read from the code below.
        List<String> consumed = within("run([[a, b, c]], 1 consumer, capacity 4, 0 ms)", "Start producer and consumer.",
                () -> Pipeline.run(List.of(List.of("a", "b", "c")), 1, 4, Duration.ZERO));
        assertEquals(List.of("a", "b", "c"), sorted(consumed), "run([[a, b, c]], 1 consumer, capacity 4) should"
                + " return a, b, c, but returned " + consumed + ".");
        List<String> problems = PipelineApi.queueProblems();
        assertTrue(problems.isEmpty(), "run should hand items over through one queue bounded by capacity, so that"
                + " producers wait for slow consumers, but " + String.join("; ", problems) + ". Create it with"
                + " new ArrayBlockingQueue<>(capacity) (or new LinkedBlockingQueue<>(capacity)).");
    }

    @Test
    @DisplayName("run rejects bad input before starting any thread: NullPointerException for a null batch, item or interval, IllegalArgumentException for a POISON_PILL item, consumers < 1, capacity < 1 or a negative interval.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Check the input first, before any thread is started.")
    void runRejectsBadInputBeforeStartingAnyThread() throws Exception {
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        List<List<String>> batchesWithNullBatch = new ArrayList<>();
        batchesWithNullBatch.add(List.of("a"));
        batchesWithNullBatch.add(null);
        Duration ms = Duration.ofMillis(1);
        ThreadSnapshot before = ThreadSnapshot.take();
        assertAll("run with bad input",
                () -> expectRejected("run(batches, 0 consumers, 4, 1 ms)", IllegalArgumentException.class,
                        () -> Pipeline.run(List.of(List.of("a")), 0, 4, ms), "consumers"),
                () -> expectRejected("run(batches, 2, capacity 0, 1 ms)", IllegalArgumentException.class,
                        () -> Pipeline.run(List.of(List.of("a")), 2, 0, ms), "capacity"),
                () -> expectRejected("run(batches, 2, capacity -1, 1 ms)", IllegalArgumentException.class,
                        () -> Pipeline.run(List.of(List.of("a")), 2, -1, ms), "capacity"),
                () -> expectRejected("run(null, 2, 4, 1 ms)", NullPointerException.class,
                        () -> Pipeline.run(null, 2, 4, ms), "batches"),
                () -> expectRejected("run([[a], null], 2, 4, 1 ms)", NullPointerException.class,
                        () -> Pipeline.run(batchesWithNullBatch, 2, 4, ms)),
                () -> expectRejected("run([[x], [a, b, null]], 2, 4, 1 ms)", NullPointerException.class,
                        () -> Pipeline.run(List.of(List.of("x"), withNull), 2, 4, ms)),
                () -> expectRejected("run([[x], [a, POISON_PILL]], 2, 4, 1 ms)", IllegalArgumentException.class,
                        () -> Pipeline.run(List.of(List.of("x"), List.of("a", PILL)), 2, 4, ms)),
                () -> expectRejected("run([[POISON_PILL, a]], 2, 4, 1 ms)", IllegalArgumentException.class,
                        () -> Pipeline.run(List.of(List.of(PILL, "a")), 2, 4, ms)),
                () -> expectRejected("run(batches, 2, 4, null)", NullPointerException.class,
                        () -> Pipeline.run(List.of(List.of("a")), 2, 4, null), "interval"),
                () -> expectRejected("run(batches, 2, 4, -1 ms)", IllegalArgumentException.class,
                        () -> Pipeline.run(List.of(List.of("a")), 2, 4, Duration.ofMillis(-1)), "interval"),
                () -> {
                    List<Thread> leftOver = before.threadsStillAliveAfter(Duration.ofMillis(300));
                    interruptAll(leftOver);
                    assertTrue(leftOver.isEmpty(), "run with bad input should throw before starting any thread, but"
                            + " these were still alive afterwards: " + ThreadSnapshot.describe(leftOver) + ". Check"
                            + " every argument, batch and item before creating threads.");
                });
    }

    @Test
    @DisplayName("produce and consume throw NullPointerException for a null queue, sink or item and IllegalArgumentException for a negative interval.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "@throws NullPointerException if an argument or an item is null")
    void produceAndConsumeRejectBadInput() {
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        Duration ms = Duration.ofMillis(1);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        // produce may check its items one by one while producing: what it put before the null item is allowed.
        assertAll("produce and consume with bad input",
                () -> expectRejected("produce(null, [a], 1 ms)", NullPointerException.class,
                        () -> Pipeline.produce(null, List.of("a"), ms), "queue"),
                () -> expectRejected("produce(queue, [a, b, null], 1 ms)", NullPointerException.class,
                        () -> Pipeline.produce(queue, withNull, ms)),
                () -> expectRejected("produce(queue, [a], -1 ms)", IllegalArgumentException.class,
                        () -> Pipeline.produce(new LinkedBlockingQueue<>(), List.of("a"), Duration.ofMillis(-1)),
                        "interval"),
                () -> expectRejected("consume(null, sink)", NullPointerException.class,
                        () -> Pipeline.consume(null, item -> { }), "queue"),
                () -> expectRejected("consume(queue, null)", NullPointerException.class,
                        () -> Pipeline.consume(new LinkedBlockingQueue<>(), null), "sink"));
    }

    @Test
    @DisplayName("run, interrupted while waiting for its threads, throws InterruptedException.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "If this method is interrupted while joining, let the InterruptedException propagate.")
    void runPropagatesInterrupt() throws Exception {
        ThreadSnapshot before = ThreadSnapshot.take();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(Pipeline.run(List.of(List.of("a", "b")), 1, 2, Duration.ofSeconds(5)));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "hidden-test-pipeline-caller");
        caller.setDaemon(true);
        try {
            caller.start();
            if (!awaitParkedOrEnded(caller, Duration.ofSeconds(2))) {
                rethrowIfFailed(outcome.get());
            }
            caller.interrupt();
            caller.join(2000);
            assertFalse(caller.isAlive(), "run([[a, b]], 1 consumer, 5 s interval), interrupted while waiting for its"
                    + " threads, should throw InterruptedException at once, but was still running 2 s later ("
                    + ThreadSnapshot.describe(caller) + "). Let the InterruptedException of join() propagate.");
            rethrowIfFailed(outcome.get() instanceof InterruptedException ? null : outcome.get());
            assertTrue(outcome.get() instanceof InterruptedException, "run([[a, b]], 1 consumer, 5 s interval),"
                    + " interrupted while waiting for its threads, should throw InterruptedException, but returned "
                    + outcome.get() + ". Declare it and let it propagate.");
        } finally {
            caller.interrupt();
            interruptAll(before.newThreads());
        }
    }

    @Test
    @DisplayName("run, interrupted while waiting for its threads, interrupts its producers and consumers, so that none outlives the call.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Interrupt your producer and consumer threads first: none of them may outlive the call.")
    void runInterruptsItsThreadsWhenInterrupted() throws Exception {
        ThreadSnapshot before = ThreadSnapshot.take();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(Pipeline.run(List.of(List.of("a", "b")), 1, 2, Duration.ofSeconds(5)));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "hidden-test-pipeline-caller");
        caller.setDaemon(true);
        String scenario = "run([[a, b]], 1 consumer, 5 s interval), interrupted while waiting for its threads";
        try {
            caller.start();
            if (!awaitParkedOrEnded(caller, Duration.ofSeconds(2))) {
                rethrowIfFailed(outcome.get());
            }
            caller.interrupt();
            caller.join(2000);
            rethrowIfFailed(outcome.get() instanceof InterruptedException ? null : outcome.get());
            List<Thread> started = new ArrayList<>(before.newThreads());
            started.remove(caller);
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            for (Thread thread : started) {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            List<Thread> alive = started.stream().filter(Thread::isAlive).collect(Collectors.toList());
            assertTrue(alive.isEmpty(), scenario + " should interrupt its producer and consumer threads before it"
                    + " throws, but 2 s later these were still running: " + ThreadSnapshot.describe(alive)
                    + ". In the catch block around the joins, call interrupt() on every thread you started, then rethrow.");
        } finally {
            caller.interrupt();
            interruptAll(before.newThreads());
        }
    }

    @Test
    @DisplayName("A producer or consumer thread that is interrupted ends with its interrupt flag restored.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Inside a thread's Runnable, catch the InterruptedException and restore the flag with Thread.currentThread().interrupt().")
    void threadsRestoreTheInterruptFlag() throws Exception {
        ThreadSnapshot before = ThreadSnapshot.take();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(Pipeline.run(List.of(List.of("a", "b")), 1, 2, Duration.ofSeconds(5)));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "hidden-test-pipeline-caller");
        caller.setDaemon(true);
        String scenario = "run([[a, b]], 1 consumer, 5 s interval) with its producer and consumer interrupted";
        try {
            caller.start();
            if (!awaitParkedOrEnded(caller, Duration.ofSeconds(2))) {
                rethrowIfFailed(outcome.get());
            }
            List<Thread> started = new ArrayList<>(before.newThreads());
            started.remove(caller);
            for (Thread thread : started) {
                awaitParkedOrEnded(thread, Duration.ofSeconds(2));
            }
            // Both the sleeping producer and the consumer waiting in take() are interrupted; run then finishes.
            // Threads that wait without a time limit (the consumer in take()) first, each until it has ended: once
            // the producer ends, run puts the poison pills, and a consumer that ended by its pill would never show
            // whether it restores the flag.
            // (Interrupting a thread that has ended sets its flag again, so each thread is interrupted once.)
            List<Thread> rest = new ArrayList<>();
            for (Thread thread : started) {
                if (thread.getState() == Thread.State.WAITING) {
                    thread.interrupt();
                    thread.join(2000);  // milliseconds; one that swallows the interrupt waits for its pill instead
                } else {
                    rest.add(thread);
                }
            }
            rest.forEach(Thread::interrupt);
            caller.join(LIMIT.toMillis());
            assertFalse(caller.isAlive(), scenario + " should return once its threads have ended, but was still running "
                    + AllowedTime.seconds(LIMIT) + " later (" + ThreadSnapshot.describe(caller) + ").");
            rethrowIfFailed(outcome.get() instanceof List ? null : outcome.get());
            for (Thread thread : started) {
                thread.join(LIMIT.toMillis());
            }
            List<Thread> swallowed = started.stream().filter(t -> !t.isAlive() && !t.isInterrupted())
                    .collect(Collectors.toList());
            assertTrue(swallowed.isEmpty(), scenario + ": every interrupted thread should end with its interrupt flag"
                    + " set, but these ended with it cleared: " + ThreadSnapshot.describe(swallowed)
                    + ". In the Runnable's catch (InterruptedException e), call Thread.currentThread().interrupt().");
        } finally {
            caller.interrupt();
            interruptAll(before.newThreads());
        }
    }

    // ----------------------------------------------------------------------------------------------

    private static void checkEveryItemOnce(List<List<String>> batches, int consumers, int capacity, Duration interval)
            throws Exception {
        String call = "run(" + batches.size() + " batches of " + batches.get(0).size() + " items, " + consumers
                + " consumers, capacity " + capacity + ", " + interval.toMillis() + " ms)";
        List<String> consumed = within(call, "Did every consumer get its own poison pill?",
                () -> Pipeline.run(batches, consumers, capacity, interval));
        List<String> expected = flatten(batches);
        assertEquals(expected, sorted(consumed), call + " should deliver each of the " + expected.size() + " items"
                + " exactly once, but delivered " + consumed.size() + ": " + sorted(consumed) + ". Collect into a"
                + " thread-safe collection and put the pills only after every producer has finished.");
    }

    /** Runs {@code call} within {@link #LIMIT}; on a timeout, also interrupts the threads it left behind. */
    private static <T> T within(String scenario, String hint, java.util.concurrent.Callable<T> call) throws Exception {
        ThreadSnapshot before = ThreadSnapshot.take();
        try {
            return AllowedTime.within(LIMIT, scenario, hint, call);
        } catch (AssertionError timedOut) {
            interruptAll(before.newThreads());
            throw timedOut;
        }
    }

    /** {@code parameter[0]}, if given, is the parameter a helpful message names (a hint, never graded). */
    private static void expectRejected(String call, Class<? extends RuntimeException> type,
            AllowedTime.ThrowingRunnable code, String... parameter) {
        BadArguments.expect(type, parameter.length == 0 ? null : parameter[0], call, () -> {
            code.run();
            return null;
        });
    }

    /** Waits until {@code thread} is parked in a blocking wait (true) or has ended or the limit passed (false). */
    private static boolean awaitParkedOrEnded(Thread thread, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (thread.isAlive() && System.nanoTime() < deadline) {
            if (ThreadStates.awaitParked(thread, Duration.ofMillis(20))) {
                return true;
            }
        }
        return false;
    }

    /** A stub's exception is rethrown (reported as not implemented); anything else fails with {@code expectation}. */
    private static void failIfThrew(Throwable thrown, String expectation) throws Exception {
        if (thrown == null) {
            return;
        }
        if (thrown instanceof UnsupportedOperationException) {
            throw (UnsupportedOperationException) thrown;
        }
        fail(expectation + ", but it threw " + thrown + ". add() throws \"Queue full\" when the queue is full: use"
                + " put(), which waits.");
    }

    private static void rethrowIfFailed(Object outcome) throws Exception {
        if (outcome instanceof Exception) {
            throw (Exception) outcome;
        }
        if (outcome instanceof Error) {
            throw (Error) outcome;
        }
    }

    private static void interruptAll(List<Thread> threads) {
        threads.forEach(Thread::interrupt);
    }

    private static List<String> batch(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    private static List<String> flatten(List<List<String>> batches) {
        return sorted(batches.stream().flatMap(List::stream).collect(Collectors.toList()));
    }

    private static List<String> sorted(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        Collections.sort(copy);
        return copy;
    }

    private static List<String> withoutPills(BlockingQueue<String> queue) {
        return new ArrayList<>(queue).stream().filter(item -> !PILL.equals(item)).collect(Collectors.toList());
    }

    @Test
    @DisplayName("produce prints Produced <item> for every item it puts, and consume prints Consumed <item> for every item it takes.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "otherwise hands the item to sink and prints Consumed <item>.")
    void produceAndConsumePrintTheirProgress() throws Exception {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(4);
        List<String> sink = Collections.synchronizedList(new ArrayList<>());
        try (PrintedLines printed = PrintedLines.record()) {
            String producing = "produce(queue of 4, [apple, pear], 0 ms)";
            AllowedTime.within(LIMIT, producing, "Put every item, then return.",
                    () -> Pipeline.produce(queue, List.of("apple", "pear"), Duration.ZERO));
            printed.expectLine(producing, "Produced apple", "Produced", "apple");
            printed.expectLine(producing, "Produced pear", "Produced", "pear");
            queue.put(Pipeline.POISON_PILL);
            String consuming = "consume([apple, pear, POISON_PILL], sink)";
            AllowedTime.within(LIMIT, consuming, "Stop at the pill.", () -> Pipeline.consume(queue, sink::add));
            printed.expectLine(consuming, "Consumed apple", "Consumed", "apple");
            printed.expectLine(consuming, "Consumed pear", "Consumed", "pear");
        }
    }
}
