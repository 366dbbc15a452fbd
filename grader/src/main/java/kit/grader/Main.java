package kit.grader;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kit.grader.cli.CommandLineParser;
import kit.grader.cli.MergeCommandLine;
import kit.grader.cli.Options;
import kit.grader.cli.UsageException;
import kit.grader.isolation.IsolationMode;
import kit.grader.isolation.IsolationUnavailableException;
import kit.grader.isolation.Sandbox;
import kit.grader.config.ConfigException;
import kit.grader.config.ConfigLoader;
import kit.grader.config.GradingConfig;
import kit.grader.find.BadSubmissionException;
import kit.grader.find.Submission;
import kit.grader.find.SubmissionCheckouts;
import kit.grader.grade.ClassGrader;
import kit.grader.grade.GradeSettings;
import kit.grader.grade.ResultStore;
import kit.grader.grade.GraderSession;
import kit.grader.grade.SubmissionGrader;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.Task;
import kit.grader.report.AtomicFiles;
import kit.grader.report.ClassSummary;
import kit.grader.report.ClassroomReport;
import kit.grader.report.Classroom50Report;
import kit.grader.report.CsvReport;
import kit.grader.report.GradescopeReport;
import kit.grader.report.HtmlReport;
import kit.grader.report.JUnitXmlReport;
import kit.grader.report.JsonReport;
import kit.grader.report.MarkdownReport;
import kit.grader.report.Numbers;
import kit.grader.report.ProgressBar;
import kit.grader.report.ReportMerger;
import kit.grader.report.SafeText;
import kit.grader.report.Style;
import kit.grader.report.TerminalReport;
import kit.grader.run.RunLimits;

/**
 * The grader's command line: {@code grade DIR… [options]}. Only {@link #main} exits; {@link #run} returns
 * the exit status: 0 when grading ran, 1 when the grader itself failed, 2 for bad usage or an unreadable
 * submission, 3 when a class run was stopped by SIGINT/SIGTERM (what finished is kept; {@code --resume}
 * grades the rest).
 */
public final class Main {

    /** Exit status of a class run stopped by SIGINT or SIGTERM: interrupted, resumable with {@code --resume}. */
    public static final int EXIT_INTERRUPTED = 3;

    private final Map<String, String> env;
    private final boolean terminal;
    private final Charset charset;
    private SubmissionCheckouts checkouts;
    private Path submitScratch;

    Main(Map<String, String> env, boolean terminal, Charset charset) {
        this.env = env;
        this.terminal = terminal;
        this.charset = charset;
    }

    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset));
        int status = new Main(System.getenv(), System.console() != null, charset).execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the grader as {@code main} would, without exiting; returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new Main(System.getenv(), false, StandardCharsets.UTF_8).execute(out, err, args);
    }

    /** Runs with the given environment (for tests of {@code --classroom} and {@code NO_COLOR}). */
    static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return new Main(env, false, StandardCharsets.UTF_8).execute(out, err, args);
    }

    int execute(PrintWriter out, PrintWriter err, String... args) {
        kit.grader.run.Trace.log("main");
        Options parsedOptions = null;
        try {
            if (args.length > 0 && "merge".equals(args[0])) {
                return merge(out, err, java.util.Arrays.copyOfRange(args, 1, args.length));
            }
            CommandLineParser.Parsed parsed = new CommandLineParser().parse(args);
            if (parsed.text() != null) {
                out.print(parsed.text());
                out.flush();
                return 0;
            }
            Options options = parsed.options();
            parsedOptions = options;
            if (options.submittedBefore() != null) {
                Path scratch = java.nio.file.Files.createTempDirectory("grade-submitted-before-");
                if (!options.keepScratch()) {
                    scratch.toFile().deleteOnExit();
                    submitScratch = scratch;
                }
                checkouts = SubmissionCheckouts.prepare(options.submissions(), options.submittedBefore(), scratch);
                options = options.withSubmissions(checkouts.dirs());
                parsedOptions = options;
            }
            kit.grader.run.Trace.log("parsed");
            Sandbox sandbox = Sandbox.detect(options.isolation());
            if (!sandbox.isolated() && options.isolation() != IsolationMode.OFF) {
                err.println("grade: warning: " + sandbox.warning());
                err.flush();
            }
            if (options.classMode()) {
                GradeSettings settings = settings(options, loadConfig(options));
                try (GraderSession session = GraderSession.open(sandbox)) {
                    if (options.keepScratch()) {
                        session.keepScratch();
                    }
                    return gradeClass(session, options, settings, out, err, List.of(args));
                }
            }
            try (GraderSession session = GraderSession.open(sandbox)) {
                kit.grader.run.Trace.log("session open");
                if (options.keepScratch()) {
                    session.keepScratch();
                    err.println("grade: keeping the scratch directory " + session.scratch());
                }
                Submission submission = session.grader().find(options.submissions().get(0));
                // Start the test JVMs first: they boot while the config is read and the code compiles.
                int jvms = options.tasks().isEmpty() ? options.jvmsPerSubmission()
                        : Math.min(options.jvmsPerSubmission(), options.tasks().size());
                SubmissionGrader.Prepared prepared = session.grader().prepare(submission, jvms);
                GradeSettings settings;
                try {
                    settings = settings(options, loadConfig(options));
                } catch (UsageException | ConfigException | RuntimeException e) {
                    prepared.discard();
                    throw e;
                }
                return gradeOne(session, prepared, options, settings, out, err);
            }
        } catch (UsageException | ConfigException | BadSubmissionException | IsolationUnavailableException e) {
            err.println("grade: " + e.getMessage());
            writeClassroom50NotGraded(parsedOptions, e.getMessage(), err);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("grade: interrupted");
            return 1;
        } catch (Exception | Error e) {
            err.println("grade: internal error: " + e + " (please report it with the command you ran)");
            writeClassroom50NotGraded(parsedOptions, "the grader failed: " + e, err);
            return 1;
        } finally {
            out.flush();
            err.flush();
            deleteSubmitScratch();
            kit.grader.run.Trace.log("end");
        }
    }

    private static GradingConfig loadConfig(Options options) throws ConfigException {
        ConfigLoader loader = new ConfigLoader();
        return options.config() == null ? loader.loadDefault() : loader.load(options.config());
    }

    private static GradeSettings settings(Options options, GradingConfig config) throws UsageException {
        List<String> tasks = new ArrayList<>();
        for (Task task : Task.ALL) {
            boolean chosen = options.tasks().isEmpty()
                    ? config.tasks().get(task.id()).enabled()
                    : options.tasks().contains(task.id());
            if (chosen) {
                tasks.add(task.id());
            }
        }
        if (tasks.isEmpty()) {
            throw new UsageException("no task is enabled in the grading config; enable one or use --task");
        }
        double testSeconds = options.testSeconds() != null ? options.testSeconds() : config.testSeconds();
        double submissionSeconds = options.submissionSeconds() != null ? options.submissionSeconds()
                : config.submissionSeconds();
        RunLimits limits = new RunLimits(Math.round(testSeconds * 1000), Math.round(submissionSeconds * 1000),
                options.jvmsPerSubmission(), RunLimits.DEFAULT_JVM_OPTIONS);
        return new GradeSettings(tasks, config.withLimits(testSeconds, submissionSeconds), limits,
                options.keepScratch(), options.verbose());
    }

    private int gradeOne(GraderSession session, SubmissionGrader.Prepared prepared, Options options,
            GradeSettings settings, PrintWriter out, PrintWriter err) throws Exception {
        SubmissionResult result = session.grader().grade(prepared, settings);
        Style style = style(options);
        TerminalReport terminalReport = new TerminalReport(style, options.verbose());
        if (options.quiet()) {
            terminalReport.writeTotal(result, out);
        } else {
            terminalReport.write(result, out);
        }
        out.flush();
        try {
            if (options.json() != null) {
                write(options.json(), w -> new JsonReport(options.verbose()).write(result, w), false);
            }
            if (options.markdown() != null) {
                write(options.markdown(), w -> new MarkdownReport().write(result, new PrintWriter(w)),
                        appendsTo(options.markdown()));
            }
            if (options.gradescope() != null) {
                write(options.gradescope(), w -> new GradescopeReport().write(result, w), false);
            }
            if (options.junitXml() != null) {
                new JUnitXmlReport().write(result, options.junitXml());
            }
            if (options.classroom()) {
                writeClassroom(result, out);
            }
            if (options.classroom50() != null) {
                writeClassroom50(result, options.classroom50());
            }
        } catch (IOException e) {
            err.println("grade: cannot write a report: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    private int gradeClass(GraderSession session, Options options, GradeSettings settings, PrintWriter out,
            PrintWriter err, List<String> originalArgs) throws Exception {
        Style style = style(options);
        // Found before grading, so a missing engine is reported at once, not after the whole class.
        Path similarityJar = null;
        if (options.similarity().enabled()) {
            try {
                similarityJar = kit.grader.similarity.SimilarityEngine.locate(options.similarity().jar(), env);
            } catch (IOException e) {
                throw new UsageException(e.getMessage());
            }
        }
        int jobs = options.jobsOrDefault();
        List<Path> dirs = options.shard() == null ? options.submissions()
                : options.shard().select(options.submissions());
        if (options.shard() != null && !options.quiet()) {
            err.println("grade: shard " + options.shard() + ": " + Numbers.plural(dirs.size(), "submission") + " of "
                    + options.submissions().size());
        }
        ProgressBar bar = terminal && !options.quiet() ? new ProgressBar(err, dirs.size(), style) : null;
        if (bar != null) {
            bar.update(0);
        }
        ResultStore store = new ResultStore(options.resultsDirectory(), settings);
        try {
            Files.createDirectories(store.directory());
        } catch (IOException e) {
            err.println("grade: cannot create the results directory " + store.directory() + ": " + e.getMessage()
                    + " (choose another with --results DIR)");
            return 2;
        }
        ClassGrader classGrader = new ClassGrader(session.grader(), jobs);
        ClassGrader.ClassRun run;
        try (StopSignals signals = StopSignals.install(classGrader::stop)) {
            run = classGrader.gradeAll(dirs, settings, store, options.resume(), done -> {
                if (bar != null) {
                    bar.update(done);
                }
            });
            if (bar != null) {
                bar.finish();
            }
            if (run.stopped() || signals.received() != null) {
                String signal = signals.received() == null ? "a stop" : "SIG" + signals.received();
                err.println("grade: stopped by " + signal + ": " + run.done() + " of " + dirs.size()
                        + " submissions are graded and kept in " + store.directory()
                        + "; no class report was written.");
                err.println("grade: to grade the rest, run: " + resumeCommand(originalArgs));
                err.flush();
                return EXIT_INTERRUPTED;
            }
        }
        if (options.resume()) {
            err.println("grade: reused " + run.reused() + " of " + dirs.size() + " results kept in "
                    + store.directory() + "; graded " + (dirs.size() - run.reused()));
            err.flush();
        }
        List<SubmissionResult> results = withMissingSubmissions(run.results());
        ClassSummary summary = new ClassSummary(results);
        int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(10) + 2;
        for (SubmissionResult r : results) {
            String name = r.name() + " ".repeat(Math.max(1, width - r.name().length()));
            String line = name + Numbers.points(r.score()) + "/" + Numbers.points(r.maxScore());
            if (!r.graded()) {
                line += "  " + (options.quiet() ? "not graded" : style.red(style.text("not graded: " + SafeText.oneLine(r.error()))));
            } else if (options.verbose()) {
                line += style.dim("  (" + Numbers.seconds(r.durationMillis()) + ")");
            }
            out.println(line);
        }
        if (!options.quiet()) {
            summary.writeTerminal(out, style);
        }
        out.flush();
        kit.grader.similarity.SimilarityReport similarity = null;
        if (similarityJar != null) {
            similarity = compareSimilarity(results, settings.tasks(), options.similarity(), similarityJar,
                    session.scratch(), options.quiet(), style, out, err);
        }
        try {
            writeSimilarityCsv(similarity, options.similarity(), options.csv());
            writeClassOutputs(results, settings.tasks(), similarity, options.csv(), options.json(),
                    options.markdown(), options.feedback(), options.html(), options.junitXml(), options.verbose());
        } catch (IOException e) {
            err.println("grade: cannot write a report: " + e.getMessage());
            return 2;
        }
        return similarityJar != null && similarity == null ? 1 : 0;
    }

    /**
     * Compares the class's submissions with the similarity engine and prints its summary; null (with one line
     * on standard error) when the engine failed, so the grades are still written.
     */
    private static kit.grader.similarity.SimilarityReport compareSimilarity(List<SubmissionResult> results,
            List<String> tasks, kit.grader.similarity.SimilarityOptions options, Path jar, Path scratch,
            boolean quiet, Style style, PrintWriter out, PrintWriter err) throws InterruptedException {
        try {
            kit.grader.similarity.SimilarityReport report = new kit.grader.similarity.ClassSimilarity(
                    new kit.grader.similarity.SimilarityEngine(jar), kit.grader.compile.StubLibrary.load())
                    .compare(results, tasks, options, Files.createTempDirectory(scratch, "similarity-"));
            if (!quiet) {
                new kit.grader.report.SimilaritySummary().write(report, out, style);
            }
            return report;
        } catch (IOException e) {
            err.println("grade: similarity not computed: " + e.getMessage());
            return null;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Writes the CSV of similar pairs when similarity was computed and a place for it is known. */
    private static void writeSimilarityCsv(kit.grader.similarity.SimilarityReport similarity,
            kit.grader.similarity.SimilarityOptions options, Path classCsv) throws IOException {
        Path file = similarity == null ? null : options.csvBeside(classCsv);
        if (file != null) {
            write(file, w -> new kit.grader.report.SimilarityCsvReport().write(similarity, w), false);
        }
    }

    /** The class outputs a run asked for; {@code merge} writes the same ones from JSON reports. */
    private void writeClassOutputs(List<SubmissionResult> results, List<String> tasks,
            kit.grader.similarity.SimilarityReport similarity, Path csv, Path json, Path markdown, Path feedback,
            Path html, Path junitXml, boolean verbose) throws IOException {
        ClassSummary summary = new ClassSummary(results);
        if (csv != null) {
            if (checkouts == null) {
                write(csv, w -> new CsvReport().write(tasks, results, w), false);
            } else {
                write(csv, w -> new CsvReport().write(tasks, results,
                        List.of("graded_tag", "graded_commit", "submitted_at"), this::submissionCells, w), false);
            }
        }
        if (json != null) {
            write(json, w -> new JsonReport(verbose).writeClass(results, summary, w), false);
        }
        if (markdown != null) {
            write(markdown, w -> {
                PrintWriter p = new PrintWriter(w);
                summary.writeMarkdown(p);
                p.flush();
            }, appendsTo(markdown));
        }
        List<String> names = uniqueNames(results);
        if (feedback != null) {
            Files.createDirectories(feedback);
            for (int i = 0; i < results.size(); i++) {
                SubmissionResult r = results.get(i);
                write(feedback.resolve(names.get(i) + ".md"),
                        w -> new MarkdownReport().write(r, new PrintWriter(w)), false);
            }
        }
        if (junitXml != null) {
            for (int i = 0; i < results.size(); i++) {
                new JUnitXmlReport().write(results.get(i), junitXml.resolve(names.get(i)));
            }
        }
        if (html != null) {
            write(html, w -> new HtmlReport().write(results, tasks, similarity, w), false);
        }
    }

    /** {@code grade merge REPORT.json… [outputs]}: see {@link ReportMerger}. */
    private int merge(PrintWriter out, PrintWriter err, String... args) throws UsageException, InterruptedException {
        MergeCommandLine.Parsed parsed = new MergeCommandLine().parse(args);
        if (parsed.text() != null) {
            out.print(parsed.text());
            return 0;
        }
        MergeCommandLine.MergeOptions options = parsed.options();
        Path similarityJar = null;
        if (options.similarity().enabled()) {
            try {
                similarityJar = kit.grader.similarity.SimilarityEngine.locate(options.similarity().jar(), env);
            } catch (IOException e) {
                throw new UsageException("merge: " + e.getMessage());
            }
        }
        List<SubmissionResult> results;
        try {
            results = new ReportMerger().merge(options.reports());
        } catch (IOException e) {
            throw new UsageException("merge: " + e.getMessage());
        }
        List<String> tasks = ReportMerger.tasks(results);
        kit.grader.similarity.SimilarityReport similarity = null;
        if (similarityJar != null) {
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("grade-merge-");
                similarity = compareSimilarity(results, tasks, options.similarity(), similarityJar, scratch, false,
                        Style.forConsole(false, charset), out, err);
            } catch (IOException e) {
                err.println("grade: similarity not computed: " + e.getMessage());
            } finally {
                deleteTree(scratch);
            }
        }
        try {
            writeSimilarityCsv(similarity, options.similarity(), options.csv());
            writeClassOutputs(results, tasks, similarity, options.csv(), options.json(), options.markdown(),
                    options.feedback(), options.html(), null, options.verbose());
        } catch (IOException e) {
            throw new UsageException("merge: cannot write a report: " + e.getMessage());
        }
        out.println("grade merge: " + Numbers.plural(results.size(), "submission") + " from "
                + Numbers.plural(options.reports().size(), "report"));
        return similarityJar != null && similarity == null ? 1 : 0;
    }

    private void writeClassroom(SubmissionResult result, PrintWriter out) throws IOException {
        String line = new ClassroomReport().outputLine(result);
        String target = env.get("GITHUB_OUTPUT");
        if (target == null || target.isBlank()) {
            out.println(line);
            out.flush();
            return;
        }
        Files.writeString(Path.of(target), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Writes Classroom 50's result.json to {@code file} and release-body.md beside it. */
    private void writeClassroom50(SubmissionResult result, Path file) throws IOException {
        Classroom50Report report = new Classroom50Report(env, java.time.Instant.now());
        write(file, w -> report.writeResult(result, w), false);
        Path body = file.toAbsolutePath().resolveSibling(Classroom50Report.RELEASE_BODY_NAME);
        write(body, w -> w.write(report.releaseBody(result)), false);
    }

    /**
     * The always-write rule of {@code --classroom50}: when the submission cannot be graded at all (no sources,
     * unreadable, a broken config, a grader failure), every task still gets a row at 0 with the reason.
     */
    private void writeClassroom50NotGraded(Options options, String reason, PrintWriter err) {
        if (options == null || options.classroom50() == null || options.classMode()) {
            return;
        }
        List<TaskResult> tasks = new ArrayList<>();
        Map<String, GradingConfig.TaskSetting> points = Map.of();
        try {
            points = loadConfig(options).tasks();
        } catch (ConfigException | RuntimeException e) {
            // The config itself may be the reason; fall back to the contract's tasks at 0 points each.
        }
        for (Task task : Task.ALL) {
            GradingConfig.TaskSetting setting = points.get(task.id());
            boolean chosen = options.tasks().isEmpty() ? setting == null || setting.enabled()
                    : options.tasks().contains(task.id());
            if (chosen) {
                tasks.add(new TaskResult(task.id(), 0, setting == null ? 0 : setting.points(), List.of(), List.of(),
                        List.of()));
            }
        }
        double max = tasks.stream().mapToDouble(TaskResult::maxScore).sum();
        Path dir = options.submissions().isEmpty() ? Path.of(".") : options.submissions().get(0);
        String name = dir.toAbsolutePath().normalize().getFileName() == null ? "submission"
                : dir.toAbsolutePath().normalize().getFileName().toString();
        SubmissionResult result = new SubmissionResult(name, dir.toString(), 0, max, tasks, List.of(),
                reason == null || reason.isBlank() ? "the grader stopped without a reason" : reason, 0);
        try {
            writeClassroom50(result, options.classroom50());
        } catch (IOException | RuntimeException e) {
            err.println("grade: cannot write " + options.classroom50() + ": " + e.getMessage());
        }
    }

    /** A repository without a submission in time scores 0 with that reason, whatever its empty copy gave. */
    private List<SubmissionResult> withMissingSubmissions(List<SubmissionResult> results) {
        if (checkouts == null) {
            return results;
        }
        List<SubmissionResult> fixed = new ArrayList<>();
        for (SubmissionResult r : results) {
            var checkout = checkouts.of(r.path());
            if (checkout.isPresent() && !checkout.get().missing().isEmpty()) {
                List<TaskResult> zero = r.tasks().stream().map(t -> new TaskResult(t.id(), 0, t.maxScore(),
                        List.of(), List.of(), List.of())).toList();
                fixed.add(new SubmissionResult(r.name(), checkout.get().repository().toString(), 0, r.maxScore(),
                        zero, List.of(), checkout.get().missing(), r.durationMillis(), r.isolation()));
            } else {
                fixed.add(r);
            }
        }
        return fixed;
    }

    private List<String> submissionCells(SubmissionResult r) {
        var checkout = checkouts.of(r.path());
        if (checkout.isEmpty()) {
            checkout = checkouts.dirs().stream().map(d -> checkouts.of(d.toString()).orElseThrow())
                    .filter(c -> c.repository().toString().equals(r.path())).findFirst();
        }
        if (checkout.isEmpty() || checkout.get().found() == null) {
            return List.of("", "", "");
        }
        var found = checkout.get().found();
        return List.of(found.tag(), found.commit(), found.submittedAt().toString());
    }

    private void deleteSubmitScratch() {
        deleteTree(submitScratch);
    }

    /** Deletes {@code dir} and everything in it, as far as it can (scratch space under the temporary directory). */
    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: the directory is under the system's temporary directory.
        }
    }

    private boolean appendsTo(Path file) {
        String summary = env.get("GITHUB_STEP_SUMMARY");
        return summary != null && !summary.isBlank() && Path.of(summary).toAbsolutePath().normalize()
                .equals(file.toAbsolutePath().normalize());
    }

    private Style style(Options options) {
        boolean color = terminal && !options.noColor() && !env.containsKey("NO_COLOR")
                && !"dumb".equals(env.get("TERM"));
        return Style.forConsole(color, charset);
    }

    /** File-system-safe names, unique within the class (a second {@code alice} becomes {@code alice-2}). */
    static List<String> uniqueNames(List<SubmissionResult> results) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (SubmissionResult r : results) {
            String base = r.name().replaceAll("[^\\p{L}\\p{N}._-]", "_");
            if (base.isEmpty() || base.startsWith(".")) {
                base = "_" + base;
            }
            int n = seen.merge(base.toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            names.add(n == 1 ? base : base + "-" + n);
        }
        return names;
    }

    /** Something that writes a report. */
    private interface ReportBody {
        void write(Writer w) throws IOException;
    }

    /**
     * Writes a report: atomically (a temporary file renamed over {@code file}, so a crash never leaves half a
     * report), or appended when {@code file} is the CI's step summary, which is shared with other steps.
     */
    private static void write(Path file, ReportBody body, boolean append) throws IOException {
        if (!append) {
            AtomicFiles.write(file, body::write);
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            body.write(w);
        }
    }

    /** The command that resumes this run: the grader's own command with the same arguments and {@code --resume}. */
    String resumeCommand(List<String> args) {
        String program = env.getOrDefault("GRADE_COMMAND", "./grade");
        StringBuilder command = new StringBuilder(program.isBlank() ? "./grade" : program);
        for (String arg : args) {
            command.append(' ').append(shellQuoted(arg));
        }
        if (!args.contains("--resume")) {
            command.append(" --resume");
        }
        return command.toString();
    }

    private static String shellQuoted(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
