package kit.grader.compile;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import kit.grader.find.SourceFile;
import kit.grader.find.Submission;
import kit.grader.model.CompileError;
import kit.grader.model.Task;
import kit.grader.sandbox.SandboxRewriter;

/**
 * Compiles a submission in-process with {@code javax.tools}: Java 17, no annotation processing, nothing on
 * the class path but the JDK.
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

    private final JavaCompiler compiler;
    private final StubLibrary stubs;
    private final ShadowedNames shadowed;
    private final SandboxRewriter rewriter = new SandboxRewriter();

    /** A compiler that refuses submitted classes named like this grader's own classes. */
    public SubmissionCompiler(StubLibrary stubs) {
        this(stubs, GraderClassNames.ofThisGrader());
    }

    /** A compiler that refuses submitted classes named like one of {@code graderClasses}. */
    public SubmissionCompiler(StubLibrary stubs, GraderClassNames graderClasses) {
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the grader with a JDK 17+, not a JRE");
        }
        this.stubs = stubs;
        this.shadowed = new ShadowedNames(graderClasses);
    }

    /** Compiles the {@code tasks} of {@code submission} into {@code out} (created, emptied first). */
    public CompileResult compile(Submission submission, List<String> tasks, Path out) throws IOException {
        Set<String> stubbed = new LinkedHashSet<>();
        for (String task : tasks) {
            if (submission.sourcesOf(task).isEmpty()) {
                stubbed.add(task);
            }
        }
        Map<String, List<CompileError>> broken = new LinkedHashMap<>();
        for (int round = 0; round <= tasks.size(); round++) {
            List<SourceFile> sources = new ArrayList<>();
            for (String task : tasks) {
                sources.addAll(stubbed.contains(task) || broken.containsKey(task)
                        ? stubs.of(task) : submission.sourcesOf(task));
            }
            clean(out);
            List<Diagnostic<? extends JavaFileObject>> errors = run(sources, out);
            Map<String, List<CompileError>> found = new LinkedHashMap<>();
            for (Diagnostic<? extends JavaFileObject> d : errors) {
                SourceFile file = d.getSource() instanceof Source s ? s.file : null;
                if (file == null || file.path().startsWith("stubs/")) {
                    // An error outside the submitted files (or in a stub) cannot be pinned on one task.
                    for (String task : tasks) {
                        if (!stubbed.contains(task) && !broken.containsKey(task)) {
                            found.computeIfAbsent(task, t -> new ArrayList<>()).add(
                                    new CompileError(task, "", 0, firstLine(d.getMessage(Locale.ROOT))));
                        }
                    }
                    continue;
                }
                List<CompileError> list = found.computeIfAbsent(file.task(), t -> new ArrayList<>());
                if (list.size() < MAX_ERRORS_PER_TASK) {
                    list.add(new CompileError(file.task(), file.path(), d.getLineNumber() < 0 ? 0 : d.getLineNumber(),
                            firstLine(d.getMessage(Locale.ROOT))));
                }
            }
            if (found.isEmpty()) {
                found = missingClasses(tasks, stubbed, broken, out);
            }
            if (found.isEmpty()) {
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

    private List<Diagnostic<? extends JavaFileObject>> run(List<SourceFile> sources, Path out) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path emptyClasspath = out.resolveSibling(out.getFileName() + "-empty-classpath");
        Files.createDirectories(emptyClasspath);
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(emptyClasspath));
            files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of(emptyClasspath));
            List<Source> units = sources.stream().map(Source::new).toList();
            List<String> options = List.of("--release", "17", "-proc:none", "-g", "-nowarn", "-Xlint:none",
                    "-implicit:none", "-Xmaxerrs", "200", "-XDuseUnsharedTable=true");
            StringWriter log = new StringWriter();
            compiler.getTask(log, files, diagnostics, options, null, units).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .sorted(Comparator.comparing((Diagnostic<? extends JavaFileObject> d) ->
                        d.getSource() == null ? "" : d.getSource().getName()).thenComparingLong(Diagnostic::getLineNumber))
                .toList();
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

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** A source file held in memory, named after its path in the submission. */
    private static final class Source extends SimpleJavaFileObject {
        private final SourceFile file;

        Source(SourceFile file) {
            super(uri(file.path()), Kind.SOURCE);
            this.file = file;
        }

        private static URI uri(String path) {
            try {
                return new URI("string", null, "/" + path, null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(path, e);
            }
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return file.content();
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return kind == Kind.SOURCE && file.simpleName().equals(simpleName);
        }
    }
}
