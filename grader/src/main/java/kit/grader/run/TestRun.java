package kit.grader.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import kit.grader.child.Protocol;
import kit.grader.isolation.Sandbox;
import kit.grader.model.Status;
import kit.grader.model.TestOutcome;

/**
 * Runs one submission's hidden tests in fresh JVMs, several at once, with hard limits.
 *
 * <p>Each of up to {@link RunLimits#jvms()} slots owns one test JVM and takes whole tasks from a shared
 * queue, longest first, so a task's tests always run one after another in one JVM (their checks of live
 * threads stay valid). A slot watches its JVM's "test started" events: a test that runs past the per-test
 * limit, or a JVM that exits during a test, ends that JVM (with everything it started); the test is marked
 * {@code timeout} or {@code error} and the task's remaining tests go back to the queue for a new JVM.
 */
public final class TestRun {

    private static final long CONNECT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 50;

    private final ChildServer server;
    private final TestClasspath classpath;
    private RunLimits limits;
    private final Path classes;
    private final Path workDir;
    private final Sandbox sandbox;
    private final List<ChildProcess> prestarted = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();

    private final Deque<Work> queue = new ArrayDeque<>();
    private final Map<String, List<PlannedTest>> plans = new HashMap<>();
    private final Map<String, TestOutcome> outcomes = new HashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private long deadlineNanos;

    public TestRun(ChildServer server, TestClasspath classpath, RunLimits limits, Path classes, Path workDir) {
        this(server, classpath, limits, classes, workDir, Sandbox.none("no sandbox asked for"));
    }

    /** A run whose test JVMs run in {@code sandbox}. */
    public TestRun(ChildServer server, TestClasspath classpath, RunLimits limits, Path classes, Path workDir,
            Sandbox sandbox) {
        this.sandbox = sandbox;
        this.server = server;
        this.classpath = classpath;
        this.limits = limits;  // replaced by run()'s; the JVM options are the same
        this.classes = classes;
        this.workDir = workDir;
    }

    /** Starts {@code count} test JVMs now, so that they start up while the submission compiles. */
    public void prestart(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            prestarted.add(newChild());
        }
    }

    /**
     * Runs the tests of {@code tasks} (in this order of priority; {@code planOnly} ones are only listed) under
     * {@code runLimits} and returns their outcomes.
     */
    public RunResult run(List<String> tasks, Set<String> planOnly, RunLimits runLimits) throws InterruptedException {
        return run(tasks, planOnly, runLimits, System.nanoTime());
    }

    /**
     * As {@link #run(List, Set, RunLimits)}, with the submission's time limit counted from {@code startedNanos}
     * ({@link System#nanoTime()}; compiling counts in it).
     */
    public RunResult run(List<String> tasks, Set<String> planOnly, RunLimits runLimits, long startedNanos)
            throws InterruptedException {
        this.limits = runLimits;
        deadlineNanos = startedNanos + limits.submissionMillis() * 1_000_000;
        synchronized (this) {
            for (String task : tasks) {
                if (!planOnly.contains(task)) {
                    queue.add(new Work(task, false, null, 0));
                }
            }
            for (String task : tasks) {
                if (planOnly.contains(task)) {
                    queue.add(new Work(task, true, null, 0));
                }
            }
        }
        int slots = Math.max(1, Math.min(limits.jvms(), tasks.size()));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            ChildProcess first = i < prestarted.size() ? prestarted.get(i) : null;
            Thread t = new Thread(() -> slot(first), "grader-slot-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (int i = slots; i < prestarted.size(); i++) {
            prestarted.get(i).kill();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            for (Thread t : threads) {
                t.interrupt();
            }
        }
        return result(tasks);
    }

    /** Kills test JVMs that were started but never used (e.g. when compiling failed). */
    public void abandon() {
        prestarted.forEach(ChildProcess::kill);
    }

    private ChildProcess newChild() throws IOException {
        started.incrementAndGet();
        return ChildProcess.start(server, classpath, classes, workDir, limits, sandbox);
    }

    private void slot(ChildProcess first) {
        ChildProcess child = first;
        try {
            while (true) {
                Work work;
                synchronized (this) {
                    work = queue.pollFirst();
                }
                if (work == null) {
                    break;
                }
                if (expired()) {
                    continue;
                }
                if (child == null) {
                    child = newChild();
                }
                if (!child.awaitConnected(Math.min(CONNECT_MILLIS, remainingMillis()))) {
                    String why = "the test JVM did not start (exit status " + child.exitStatus() + ")"
                            + tail(child);
                    child.kill();
                    child = null;
                    retryOrGiveUp(work, why);
                    continue;
                }
                Trace.log("connected, work " + work.task() + " age " + child.ageMillis());
                if (!follow(child, work)) {
                    child.kill();
                    child = null;
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                notes.computeIfAbsent("", k -> new ArrayList<>()).add("a test JVM could not be started: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (child != null) {
                if (expired()) {
                    child.kill();
                } else {
                    child.exit();
                }
            }
        }
    }

    /** Sends {@code work} and follows the JVM until it is done; false when the JVM had to be ended. */
    private boolean follow(ChildProcess child, Work work) throws InterruptedException {
        try {
            if (work.testIds() == null) {
                child.runTask(work.task(), work.planOnly());
            } else {
                child.runTests(work.task(), work.testIds());
            }
        } catch (IOException e) {
            retryOrGiveUp(work, "the test JVM stopped answering" + tail(child));
            return false;
        }
        String running = null;
        long runningSince = 0;
        long lastEvent = System.nanoTime();
        boolean progress = false;
        while (true) {
            long now = System.nanoTime();
            if (now > deadlineNanos) {
                child.kill();
                if (running != null) {
                    record(running, Status.TIMEOUT, "did not finish before the submission's time limit of "
                            + seconds(limits.submissionMillis()) + " ran out", millis(now - runningSince));
                }
                return false;
            }
            if (running != null && now - runningSince > limits.testMillis() * 1_000_000) {
                child.kill();
                record(running, Status.TIMEOUT, "did not finish within " + seconds(limits.testMillis())
                        + "; the grader stopped it. Is there an endless loop, a deadlock, or a wait without a "
                        + "timeout?", millis(now - runningSince));
                requeueRest(work, running, 0);
                return false;
            }
            if (running == null && now - lastEvent > limits.testMillis() * 1_000_000) {
                child.kill();
                List<String> pending = pending(work);
                if (pending.isEmpty()) {
                    retryOrGiveUp(work, "the test JVM stopped answering" + tail(child));
                } else {
                    record(pending.get(0), Status.TIMEOUT, "its test class did not finish setting up within "
                            + seconds(limits.testMillis()) + "; the grader stopped it", 0);
                    requeueRest(work, pending.get(0), 0);
                }
                return false;
            }
            ChildEvent event = child.poll(POLL_MILLIS);
            if (event == null) {
                continue;
            }
            lastEvent = System.nanoTime();
            if (event instanceof ChildEvent.Plan plan) {
                synchronized (this) {
                    plans.put(plan.task(), List.copyOf(plan.tests()));
                }
            } else if (event instanceof ChildEvent.Start start) {
                running = start.id();
                runningSince = lastEvent;
            } else if (event instanceof ChildEvent.Tick tick) {
                if (tick.id().equals(running)) {
                    runningSince = lastEvent;
                }
            } else if (event instanceof ChildEvent.Finish finish) {
                record(finish.id(), Status.fromLabel(finish.status()), finish.message(), finish.millis(),
                        finish.output());
                if (finish.id().equals(running)) {
                    running = null;
                }
                progress = true;
            } else if (event instanceof ChildEvent.Problem problem) {
                synchronized (this) {
                    notes.computeIfAbsent(problem.task(), k -> new ArrayList<>()).add(problem.message());
                }
            } else if (event instanceof ChildEvent.Done done) {
                Trace.log("done " + work.task() + (done.threadsLeft() ? " (threads left behind: retiring the JVM)" : ""));
                // Threads left behind (alive non-daemon or busy) could disturb the next task: use a fresh JVM.
                return !done.threadsLeft();
            } else if (event instanceof ChildEvent.Closed) {
                int status = child.exitStatus();
                if (running != null) {
                    record(running, Status.ERROR, Protocol.describeExit(status) + " during this test"
                            + (status == Protocol.EXIT_TOO_MANY_THREADS ? "" : " (a crash or an endless recursion?)"),
                            millis(System.nanoTime() - runningSince));
                    requeueRest(work, running, 0);
                } else if (!knowsPlan(work)) {
                    retryOrGiveUp(work, "the test JVM exited with status " + status + tail(child));
                } else {
                    List<String> pending = pending(work);
                    int attempts = progress ? 0 : work.attempts() + 1;
                    if (attempts >= 2 && !pending.isEmpty()) {
                        record(pending.get(0), Status.ERROR, Protocol.describeExit(status)
                                + " before this test could finish",
                                0);
                        requeueRest(work, pending.get(0), 0);
                    } else {
                        requeueRest(work, null, attempts);
                    }
                }
                return false;
            }
        }
    }

    private synchronized boolean knowsPlan(Work work) {
        return plans.containsKey(work.task());
    }

    /** The tests of {@code work} that have no outcome yet, in plan order. */
    private synchronized List<String> pending(Work work) {
        List<String> ids = new ArrayList<>();
        if (work.testIds() != null) {
            ids.addAll(work.testIds());
        } else if (plans.containsKey(work.task())) {
            plans.get(work.task()).forEach(t -> ids.add(t.id()));
        }
        ids.removeIf(outcomes::containsKey);
        return ids;
    }

    private synchronized void requeueRest(Work work, String except, int attempts) {
        if (work.planOnly()) {
            return;
        }
        List<String> rest = pending(work);
        rest.remove(except);
        if (!rest.isEmpty()) {
            queue.addFirst(new Work(work.task(), false, rest, attempts));
        }
    }

    private synchronized void retryOrGiveUp(Work work, String why) {
        if (work.attempts() + 1 < 2 && !expired()) {
            queue.addFirst(new Work(work.task(), work.planOnly(), work.testIds(), work.attempts() + 1));
            return;
        }
        List<String> pending = pending(work);
        if (pending.isEmpty() && !knowsPlan(work)) {
            notes.computeIfAbsent(work.task(), k -> new ArrayList<>())
                    .add("the hidden tests of this task could not be run: " + why);
        }
        for (String id : pending) {
            record(id, Status.ERROR, "the test could not be run: " + why, 0);
        }
    }

    private void record(String id, Status status, String message, long millis) {
        record(id, status, message, millis, "");
    }

    private synchronized void record(String id, Status status, String message, long millis, String output) {
        PlannedTest test = find(id);
        if (test == null || outcomes.containsKey(id)) {
            return;
        }
        String text = message;
        if (!test.problem().isEmpty() && status == Status.PASSED) {
            text = "hidden test defect: " + test.problem();
        }
        outcomes.put(id, new TestOutcome(test.task(), test.name(), test.kind(), test.points(), status, text, millis,
                output));
    }

    private PlannedTest find(String id) {
        for (List<PlannedTest> tests : plans.values()) {
            for (PlannedTest t : tests) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
        }
        return null;
    }

    private synchronized RunResult result(List<String> tasks) {
        Map<String, List<TestOutcome>> byTask = new LinkedHashMap<>();
        boolean expired = expired();
        for (String task : tasks) {
            List<TestOutcome> list = new ArrayList<>();
            for (PlannedTest t : plans.getOrDefault(task, List.of())) {
                TestOutcome o = outcomes.get(t.id());
                if (o == null) {
                    o = new TestOutcome(task, t.name(), t.kind(), t.points(), expired ? Status.TIMEOUT : Status.ERROR,
                            expired ? "not run: the submission's time limit of " + seconds(limits.submissionMillis())
                                    + " ran out" : "not run", 0, "");
                }
                list.add(o);
            }
            if (!plans.containsKey(task) && expired && !notes.containsKey(task)) {
                notes.computeIfAbsent(task, k -> new ArrayList<>())
                        .add("not graded: the submission's time limit of " + seconds(limits.submissionMillis())
                                + " ran out before this task's tests started");
            }
            byTask.put(task, list);
        }
        Map<String, List<String>> allNotes = new LinkedHashMap<>();
        notes.forEach((k, v) -> allNotes.put(k, List.copyOf(new LinkedHashSet<>(v))));
        return new RunResult(byTask, allNotes, started.get());
    }

    private boolean expired() {
        return System.nanoTime() > deadlineNanos;
    }

    private long remainingMillis() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private static String tail(ChildProcess child) {
        String tail = child.outputTail();
        return tail.isEmpty() ? "" : ": " + tail.replace('\n', ' ');
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
