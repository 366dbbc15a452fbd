package kit.grader.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import kit.grader.compile.CompileResult;
import kit.grader.compile.StubLibrary;
import kit.grader.compile.SubmissionCompiler;
import kit.grader.find.BadSubmissionException;
import kit.grader.find.SourceFinder;
import kit.grader.find.Submission;
import kit.grader.model.CompileError;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TaskRun;
import kit.grader.model.TestOutcome;
import kit.grader.isolation.Sandbox;
import kit.grader.run.ChildServer;
import kit.grader.run.Cleanup;
import kit.grader.run.RunLimits;
import kit.grader.run.RunResult;
import kit.grader.run.TestClasspath;
import kit.grader.run.TestRun;
import kit.grader.score.Scorer;

/**
 * Grades one submission: find its sources, compile them, run the hidden tests in fresh JVMs, score.
 * Thread-safe: a class is graded by several of these calls at once.
 */
public final class SubmissionGrader {

    /**
     * Rough seconds each task's hidden tests take; the longest tasks are started first so the test JVMs
     * finish together.
     */
    private static final Map<String, Double> EXPECTED_SECONDS = Map.of(
            "download", 10.0, "gather", 6.0, "iteration", 6.0, "resource", 5.5, "shared-counter", 5.0,
            "pipeline", 4.5, "counter", 3.5, "primes", 2.0, "choosing", 1.5);

    private final ChildServer server;
    private final TestClasspath classpath;
    private final StubLibrary stubs;
    private final SubmissionCompiler compiler;
    private final SourceFinder finder = new SourceFinder();
    private final Path scratchRoot;
    private final Sandbox sandbox;

    public SubmissionGrader(ChildServer server, TestClasspath classpath, StubLibrary stubs, Path scratchRoot) {
        this(server, classpath, stubs, scratchRoot, Sandbox.none("no sandbox asked for"));
    }

    /** The sandbox this grader's compiler and test JVMs run in: {@code "bubblewrap"} or {@code "none"}. */
    public String isolation() {
        return sandbox.name();
    }

    /** A grader whose test JVMs run in {@code sandbox}. */
    public SubmissionGrader(ChildServer server, TestClasspath classpath, StubLibrary stubs, Path scratchRoot,
            Sandbox sandbox) {
        this.sandbox = sandbox;
        this.server = server;
        this.classpath = classpath;
        this.stubs = stubs;
        this.compiler = new SubmissionCompiler(stubs, sandbox, classpath);
        this.scratchRoot = scratchRoot;
    }

    /** Reads the submission in {@code dir}; bad input throws with a one-line reason. */
    public Submission find(Path dir) throws BadSubmissionException {
        return finder.find(dir);
    }

    /**
     * A submission whose test JVMs are already starting: they start up while the submission compiles (and
     * while the grader reads its config).
     */
    public final class Prepared {
        private final Submission submission;
        private final Path scratch;
        private final Path classes;
        private final TestRun run;
        private final long startNanos = System.nanoTime();

        private Prepared(Submission submission, int jvms) throws IOException {
            this.submission = submission;
            this.scratch = Files.createTempDirectory(scratchRoot, "submission-");
            Cleanup.deleteOnStop(scratch);
            this.classes = Files.createDirectories(scratch.resolve("classes"));
            Path work = Files.createDirectories(scratch.resolve("work"));
            this.run = new TestRun(server, classpath, new RunLimits(1, 1, jvms, RunLimits.DEFAULT_JVM_OPTIONS),
                    classes, work, sandbox);
            try {
                run.prestart(jvms);
            } catch (IOException | RuntimeException e) {
                discard();
                throw e;
            }
        }

        /** Kills the test JVMs and removes the scratch directory, without grading. */
        public void discard() {
            run.abandon();
            Cleanup.delete(scratch);
            Cleanup.forget(scratch);
        }
    }

    /** Starts {@code jvms} test JVMs for {@code submission}. */
    public Prepared prepare(Submission submission, int jvms) throws IOException {
        return new Prepared(submission, jvms);
    }

    /** Grades {@code submission}. */
    public SubmissionResult grade(Submission submission, GradeSettings settings) throws IOException,
            InterruptedException {
        return grade(prepare(submission, Math.min(settings.limits().jvms(), settings.tasks().size())), settings);
    }

    /** Grades a prepared submission. */
    public SubmissionResult grade(Prepared prepared, GradeSettings settings) throws IOException,
            InterruptedException {
        Submission submission = prepared.submission;
        try {
            List<String> tasks = settings.tasks();
            CompileResult compiled;
            try {
                kit.grader.run.Trace.log("compile start " + submission.name());
                // Compiling counts in the submission's time limit: the compiler gets what is left of it.
                long deadline = prepared.startNanos + settings.limits().submissionMillis() * 1_000_000;
                compiled = compiler.compile(submission, tasks, prepared.classes, deadline);
                kit.grader.run.Trace.log("compile end " + submission.name());
            } catch (IOException | RuntimeException e) {
                prepared.run.abandon();
                throw e;
            }
            List<String> order = new ArrayList<>(tasks);
            order.sort(Comparator.comparingDouble((String t) -> -EXPECTED_SECONDS.getOrDefault(t, 3.0)));
            RunResult result = prepared.run.run(order, compiled.broken().keySet(), settings.limits(),
                    prepared.startNanos);
            kit.grader.run.Trace.log("tests end " + submission.name());

            List<TaskRun> runs = new ArrayList<>();
            for (String task : tasks) {
                runs.add(taskRun(task, compiled, result, settings.keepOutput()));
            }
            List<TaskResult> scored = runs.stream().map(r -> Scorer.score(r, settings.config())).toList();
            double max = scored.stream().mapToDouble(TaskResult::maxScore).sum();
            List<String> notes = new ArrayList<>(submission.notes());
            notes.addAll(result.notes().getOrDefault("", List.of()));
            notes.addAll(Scorer.unknownTestNames(runs, settings.config()));
            return new SubmissionResult(submission.name(), submission.directory().toString(), Scorer.total(scored),
                    max, scored, notes, "", (System.nanoTime() - prepared.startNanos) / 1_000_000, sandbox.name());
        } finally {
            if (!settings.keepScratch()) {
                Cleanup.delete(prepared.scratch);
            }
            Cleanup.forget(prepared.scratch);
        }
    }

    /** The graded-0 result of a submission that could not be read. */
    public static SubmissionResult unreadable(Path dir, String reason, GradeSettings settings) {
        List<TaskResult> tasks = new ArrayList<>();
        for (String task : settings.tasks()) {
            tasks.add(new TaskResult(task, 0, settings.config().tasks().get(task).points(), List.of(), List.of(),
                    List.of()));
        }
        double max = tasks.stream().mapToDouble(TaskResult::maxScore).sum();
        return new SubmissionResult(SourceFinder.nameOf(dir), dir.toString(), 0, max, tasks, List.of(), reason, 0,
                "none");
    }

    private static TaskRun taskRun(String task, CompileResult compiled, RunResult result, boolean keepOutput) {
        List<TestOutcome> outcomes = result.outcomes().getOrDefault(task, List.of());
        if (!keepOutput) {
            outcomes = outcomes.stream().map(TestOutcome::withoutOutput).toList();
        }
        List<String> notes = new ArrayList<>(result.notes().getOrDefault(task, List.of()));
        List<CompileError> errors = compiled.broken().getOrDefault(task, List.of());
        if (!errors.isEmpty()) {
            String first = errors.get(0).describe();
            String message = "the task does not compile: " + first
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
            outcomes = outcomes.stream().map(o -> o.with(Status.NOT_COMPILED, message)).toList();
        }
        if (compiled.stubbed().contains(task)) {
            notes.add("the submission has no sources for this task; it was graded as the untouched stub");
        }
        return new TaskRun(task, outcomes, errors, notes);
    }
}
