package kit.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import kit.grader.find.SourceFile;
import kit.grader.isolation.IsolationMode;
import kit.grader.isolation.Sandbox;
import kit.grader.run.TestClasspath;
import kit.grader.find.Submission;
import kit.grader.model.CompileError;
import kit.grader.model.Task;
import kit.grader.sandbox.SandboxRewriter;

/**
 * Compiles a submission with {@code javac} in a process of its own ({@link CompilerMain}), in the sandbox, with a
 * hard time limit: Java 17, no annotation processing, nothing on the class path but the JDK.
 *
 * <p>A compiler crash or timeout costs only the task(s) that caused it: the file javac was working on when it
 * crashed or was killed names its task (or, when it names none, each task package is compiled on its own); that
 * task counts as not compiling ("compilation did not finish within 60 s while compiling this file") and the others
 * are compiled again without it.
 *
 * <p>The compiled classes' calls of sensitive APIs (exiting, processes, files, sockets, reflection) are then routed
 * through the grader's guard; a class that cannot be made safe counts as a compile error of its task.
 *
 * <p>A compile error costs only its own task: when compiling everything fails, the tasks whose files have
 * errors are replaced by their stubs and the rest is compiled again (repeated while errors move to other
 * tasks, e.g. a task that used a broken one).
 *
 * <p>Two more things make a task "not compile": a class of the contract is missing, or a submitted class has
 * the name of one of the grader's own classes ({@link GraderClassNames}), which the test JVM would run in its
 * place. Only {@code .class} files are ever written to the output: no resource of the submission reaches the
 * test JVM's class path.
 */
public final class SubmissionCompiler {

    private static final int MAX_ERRORS_PER_TASK = 10;

    /** The default hard limit of one run of the compiler process. */
    public static final long DEFAULT_LIMIT_MILLIS = 60_000;

    private final CompilerProcess compiler;
    private final StubLibrary stubs;
    private final ShadowedNames shadowed;
    private final SandboxRewriter rewriter = new SandboxRewriter();
    private final long limitMillis;

    /** A compiler in the sandbox found on this machine, refusing classes named like this grader's own. */
    public SubmissionCompiler(StubLibrary stubs) {
        this(stubs, GraderClassNames.ofThisGrader());
    }

    /** A compiler in the sandbox found on this machine, refusing classes named like one of {@code graderClasses}. */
    public SubmissionCompiler(StubLibrary stubs, GraderClassNames graderClasses) {
        this(stubs, graderClasses, Sandbox.detect(IsolationMode.AUTO), TestClasspath.locate(), DEFAULT_LIMIT_MILLIS);
    }

    /** A compiler that refuses submitted classes named like this grader's own classes. */
    public SubmissionCompiler(StubLibrary stubs, Sandbox sandbox, TestClasspath classpath) {
        this(stubs, GraderClassNames.ofThisGrader(), sandbox, classpath, DEFAULT_LIMIT_MILLIS);
    }

    /**
     * A compiler that refuses submitted classes named like one of {@code graderClasses}, runs javac in
     * {@code sandbox} from the grader's {@code classpath} and kills it after {@code limitMillis}.
     */
    public SubmissionCompiler(StubLibrary stubs, GraderClassNames graderClasses, Sandbox sandbox,
            TestClasspath classpath, long limitMillis) {
        this.compiler = new CompilerProcess(sandbox, classpath);
        this.stubs = stubs;
        this.shadowed = new ShadowedNames(graderClasses);
        this.limitMillis = limitMillis;
    }

    /** Compiles the {@code tasks} of {@code submission} into {@code out} (created, emptied first), unhurried. */
    public CompileResult compile(Submission submission, List<String> tasks, Path out) throws IOException {
        return compile(submission, tasks, out, System.nanoTime() + 10 * limitMillis * 1_000_000);
    }

    /**
     * Compiles the {@code tasks} of {@code submission} into {@code out} (created, emptied first); the compiler
     * process works beside {@code out} and may write only in {@code out}'s parent (the submission's scratch
     * directory). Compiling stops at {@code deadlineNanos} ({@link System#nanoTime()}): the tasks not compiled
     * by then count as not compiling.
     */
    public CompileResult compile(Submission submission, List<String> tasks, Path out, long deadlineNanos)
            throws IOException {
        Set<String> stubbed = new LinkedHashSet<>();
        for (String task : tasks) {
            if (submission.sourcesOf(task).isEmpty()) {
                stubbed.add(task);
            }
        }
        Map<String, List<CompileError>> broken = new LinkedHashMap<>();
        for (int round = 0; round <= 2 * tasks.size() + 1; round++) {
            List<String> active = tasks.stream().filter(t -> !stubbed.contains(t) && !broken.containsKey(t)).toList();
            clean(out);
            CompilerProcess.Outcome outcome = run(sources(submission, tasks, active), out, deadlineNanos);
            if (outcome.ending() != CompilerProcess.Ending.DONE) {
                broken.putAll(culprits(submission, tasks, active, outcome, out, deadlineNanos));
                continue;
            }
            Map<String, List<CompileError>> found = new LinkedHashMap<>();
            for (CompilerProcess.Error d : outcome.errors()) {
                Optional<SourceFile> file = submitted(submission, active, d.file());
                if (file.isEmpty()) {
                    // An error outside the submitted files (or in a stub) cannot be pinned on one task.
                    for (String task : active) {
                        found.computeIfAbsent(task, t -> new ArrayList<>()).add(
                                new CompileError(task, "", 0, d.message()));
                    }
                    continue;
                }
                List<CompileError> list = found.computeIfAbsent(file.get().task(), t -> new ArrayList<>());
                if (list.size() < MAX_ERRORS_PER_TASK) {
                    list.add(new CompileError(file.get().task(), file.get().path(), d.line(), d.message()));
                }
            }
            if (found.isEmpty()) {
                found = missingClasses(tasks, stubbed, broken, out);
            }
            if (found.isEmpty()) {
                List<SourceFile> sources = sources(submission, tasks, active);
                for (CompileError e : shadowed.find(out, sources)) {
                    found.computeIfAbsent(e.task(), t -> new ArrayList<>()).add(e);
                }
            }
            if (found.isEmpty()) {
                found = unsafeClasses(submission, tasks, stubbed, broken, out);
            }
            if (found.isEmpty()) {
                return new CompileResult(out, broken, stubbed);
            }
            broken.putAll(found);
        }
        throw new IllegalStateException("even the stubs do not compile: " + broken);
    }

    /** The sources to compile: the submission's for the {@code active} tasks, the stubs for the others. */
    private List<SourceFile> sources(Submission submission, List<String> tasks, List<String> active) {
        List<SourceFile> sources = new ArrayList<>();
        for (String task : tasks) {
            sources.addAll(active.contains(task) ? submission.sourcesOf(task) : stubs.of(task));
        }
        return sources;
    }

    private static Optional<SourceFile> submitted(Submission submission, List<String> active, String path) {
        for (String task : active) {
            for (SourceFile f : submission.sourcesOf(task)) {
                if (f.path().equals(path)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * After the compiler process crashed or ran out of time: the task(s) that caused it, with that as their compile
     * error. The file javac was working on names its task; when it names none, each active task is compiled on its
     * own (the others as stubs) and those that crash or time out alone are the culprits.
     */
    private Map<String, List<CompileError>> culprits(Submission submission, List<String> tasks, List<String> active,
            CompilerProcess.Outcome outcome, Path out, long deadlineNanos) throws IOException {
        Map<String, List<CompileError>> culprits = new LinkedHashMap<>();
        Optional<SourceFile> file = submitted(submission, active, outcome.lastFile());
        if (file.isPresent()) {
            culprits.put(file.get().task(), List.of(new CompileError(file.get().task(), file.get().path(), 0,
                    outcome.detail() + " while compiling this file")));
            return culprits;
        }
        for (String task : active) {
            clean(out);
            CompilerProcess.Outcome alone = run(sources(submission, tasks, List.of(task)), out, deadlineNanos);
            if (alone.ending() != CompilerProcess.Ending.DONE) {
                Optional<SourceFile> cause = submitted(submission, List.of(task), alone.lastFile());
                if (cause.isEmpty() && alone.ending() == CompilerProcess.Ending.CRASHED) {
                    cause = crashingFile(submission, tasks, task, out, deadlineNanos);
                }
                String path = cause.map(SourceFile::path).orElse("");
                culprits.put(task, List.of(new CompileError(task, path, 0, alone.detail()
                        + (path.isEmpty() ? " while compiling this task's package on its own" : " while compiling this file"))));
            }
        }
        if (culprits.isEmpty()) {
            // Alone each one compiles: together they are the cause.
            for (String task : active) {
                culprits.put(task, List.of(new CompileError(task, "", 0, outcome.detail()
                        + " while compiling the whole submission")));
            }
        }
        return culprits;
    }

    /**
     * The file of {@code task} that makes javac crash when compiled alone (beside the other tasks' stubs), for a
     * crash javac did not tie to a file (one in a phase that works on all files at once). Only for crashes, which
     * are quick: a timeout is never narrowed down this way, so the time bound holds.
     */
    private Optional<SourceFile> crashingFile(Submission submission, List<String> tasks, String task, Path out,
            long deadlineNanos) throws IOException {
        List<SourceFile> others = new ArrayList<>();
        for (String t : tasks) {
            if (!t.equals(task)) {
                others.addAll(stubs.of(t));
            }
        }
        for (SourceFile file : submission.sourcesOf(task)) {
            List<SourceFile> one = new ArrayList<>(others);
            one.add(file);
            clean(out);
            if (run(one, out, deadlineNanos).ending() == CompilerProcess.Ending.CRASHED) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private CompilerProcess.Outcome run(List<SourceFile> sources, Path out, long deadlineNanos) throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        long limit = Math.min(limitMillis, Math.max(1, left));
        try {
            return compiler.compile(sources, out, out.resolveSibling("compiler"), out.getParent(), limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while compiling");
        }
    }

    /** Marks as broken a task whose compiled classes lack a top-level class the contract (the stubs) declares. */
    private Map<String, List<CompileError>> missingClasses(List<String> tasks, Set<String> stubbed,
            Map<String, List<CompileError>> broken, Path out) {
        Map<String, List<CompileError>> found = new LinkedHashMap<>();
        for (String task : tasks) {
            if (stubbed.contains(task) || broken.containsKey(task)) {
                continue;
            }
            List<CompileError> missing = new ArrayList<>();
            for (SourceFile stub : stubs.of(task)) {
                Path expected = out.resolve(stub.packageName().replace('.', '/')).resolve(stub.simpleName() + ".class");
                if (!Files.exists(expected)) {
                    missing.add(new CompileError(task, stub.path().substring("stubs/".length()), 0,
                            "the contract's class " + stub.packageName() + "." + stub.simpleName()
                                    + " is missing from the submission"));
                }
            }
            if (!missing.isEmpty()) {
                found.put(task, missing);
            }
        }
        return found;
    }

    /**
     * Routes the compiled classes' sensitive calls through the grader's guard (see {@link SandboxRewriter}) and
     * marks as broken a task with a class that cannot be made safe.
     */
    private Map<String, List<CompileError>> unsafeClasses(Submission submission, List<String> tasks,
            Set<String> stubbed, Map<String, List<CompileError>> broken, Path out) throws IOException {
        Map<String, List<CompileError>> found = new LinkedHashMap<>();
        for (SandboxRewriter.Violation v : rewriter.rewrite(out)) {
            String pkg = v.className().contains(".") ? v.className().substring(0, v.className().lastIndexOf('.')) : "";
            Optional<Task> task = Task.byPackage(pkg);
            if (task.isEmpty() || !tasks.contains(task.get().id()) || stubbed.contains(task.get().id())
                    || broken.containsKey(task.get().id())) {
                throw new IllegalStateException("a class the grader wrote itself cannot be made safe: " + v);
            }
            String id = task.get().id();
            String file = submission.sourcesOf(id).stream().map(SourceFile::path)
                    .filter(path -> path.endsWith("/" + v.sourceFile())).findFirst()
                    .orElse(pkg.replace('.', '/') + "/" + v.sourceFile());
            found.computeIfAbsent(id, t -> new ArrayList<>()).add(new CompileError(id, file, v.line(),
                    v.className() + " " + v.message()));
        }
        return found;
    }

    private static void clean(Path out) throws IOException {
        if (Files.exists(out)) {
            // Empty it but keep the directory: test JVMs started early already have it on their class path.
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(out)).toList()) {
                    Files.delete(p);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        Files.createDirectories(out);
    }
}
