package kit.grader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import kit.grader.isolation.IsolationMode;
import kit.grader.model.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Parses the command line with picocli into {@link Options}; every mistake becomes a {@link UsageException}. */
public final class CommandLineParser {

    /** The grader's version, from the build. */
    public static final String VERSION = Version.read();

    @Command(name = "grade", sortOptions = false, usageHelpAutoWidth = true,
            description = {
                "Grades submissions of the Java concurrency exercises with the kit's hidden tests.",
                "A submission is a directory holding src/main/java/concurrency/... (or exercises/ or solutions/ "
                        + "holding it). Each is compiled on its own and its tests run in fresh JVMs with hard "
                        + "time limits."},
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./grade solutions                       full report for one submission",
                "  ./grade exercises --quiet               just the total (0/100 for the stubs)",
                "  ./grade . --json report.json --markdown feedback.md",
                "  ./grade alice --task download,counter   grade two tasks only",
                "  ./grade subs/* --csv grades.csv --feedback feedback/   a whole class",
                "  ./grade . --classroom                   GitHub Classroom reporter result",
                "  ./grade . --classroom50 result.json     Classroom 50 result (+ release-body.md beside it)",
                "  ./grade submission --gradescope results.json",
                "",
                "Exit status: 0 when grading ran (whatever the score), 1 when the grader itself failed, "
                        + "2 for bad usage or an unreadable submission (one line on standard error).",
                "Reference: grader/README.md."})
    static final class Spec {
        @Parameters(arity = "0..*", paramLabel = "DIR", description = "Submission directories.")
        List<Path> submissions = new ArrayList<>();

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON report (class mode: all submissions and the summary).")
        Path json;

        @Option(names = "--markdown", paramLabel = "FILE", description = "Also write Markdown feedback for the student (class mode: the class summary). Appends when FILE is $GITHUB_STEP_SUMMARY.")
        Path markdown;

        @Option(names = "--gradescope", paramLabel = "FILE", description = "Also write Gradescope's results.json (one submission).")
        Path gradescope;

        @Option(names = "--junit-xml", paramLabel = "DIR", description = "Also write JUnit XML, one TEST-<task>.xml per task (class mode: DIR/<submission>/).")
        Path junitXml;

        @Option(names = "--submitted-before", paramLabel = "INSTANT", description = "Grade each git repository at its latest Classroom 50 submit/... tag whose commit is dated at or before INSTANT (e.g. 2026-12-01T23:59:00Z), in a scratch copy; a repository without one scores 0.")
        String submittedBefore;

        @Option(names = "--classroom50", paramLabel = "FILE", description = "Write Classroom 50's result.json to FILE and the student's release-body.md beside it, even when the submission cannot be graded (one submission).")
        Path classroom50;

        @Option(names = "--classroom", description = "Write GitHub Classroom's reporter result (result=<base64>) to $GITHUB_OUTPUT, or to standard output when it is not set (one submission).")
        boolean classroom;

        @Option(names = "--csv", paramLabel = "FILE", description = "Class mode: one row per submission, a column per task, the total.")
        Path csv;

        @Option(names = "--html", paramLabel = "FILE", description = "Class mode: one self-contained HTML page for the instructor (score histogram, most-failed tests, every submission with its feedback).")
        Path html;

        @Option(names = "--shard", paramLabel = "K/N", description = "Class mode: grade only slice K of N (submissions sorted by normalised path; the one at index i, from 0, goes to slice i mod N + 1). Merge the slices' --json reports with 'grade merge'.")
        String shard;

        @Option(names = "--feedback", paramLabel = "DIR", description = "Class mode: one Markdown feedback file per submission.")
        Path feedback;

        @Option(names = "--task", paramLabel = "ID", split = ",", description = "Grade only these tasks (repeat or separate with commas): ${COMPLETION-CANDIDATES}.", completionCandidates = TaskIds.class)
        List<String> tasks = new ArrayList<>();

        @Option(names = "--config", paramLabel = "FILE", description = "Scoring file (points per task and test, limits); default: the kit's grader/grading.json.")
        Path config;

        @Option(names = "--jobs", paramLabel = "N", description = "Class mode: submissions graded at once (default: 4 per core, at most 8).")
        Integer jobs;

        @Option(names = "--jvms", paramLabel = "N", description = "Test JVMs running one submission's tasks at once (default: 4 for one submission, 1 in class mode, where --jobs runs submissions side by side).")
        Integer jvms;

        @Option(names = "--test-timeout", paramLabel = "SECONDS", description = "Per-test hard limit; the test JVM is killed after it (default: the config's, 10).")
        Double testSeconds;

        @Option(names = "--submission-timeout", paramLabel = "SECONDS", description = "Wall limit for running one submission's tests (default: the config's, 120).")
        Double submissionSeconds;

        @Option(names = "--results", paramLabel = "DIR", description = "Class mode: where each submission's result is kept as soon as it is graded (default: <csv>.results/ beside --csv, else grade-results/).")
        Path results;

        @Option(names = "--resume", description = "Class mode: reuse the kept results that are still valid (same sources, configuration and grader); grade only the rest.")
        boolean resume;

        @Option(names = {"-q", "--quiet"}, description = "Print only the total (class mode: only the summary).")
        boolean quiet;

        @Option(names = {"-v", "--verbose"}, description = "Also print each test's kind, time and output.")
        boolean verbose;

        @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or the output is not a terminal).")
        boolean noColor;

        @Option(names = "--keep-scratch", description = "Keep each submission's compiled classes and working directory (debugging).", hidden = true)
        boolean keepScratch;

        @Option(names = "--similarity", description = "Class mode: compare the submissions with JPlag (per task and whole), base code = the template's stubs; a hint to look, never a verdict. Runs the engine's own jar (grader/similarity, GPL-3.0).")
        boolean similarity;

        @Option(names = "--similarity-threshold", paramLabel = "0..1", description = "With --similarity: report pairs at least this similar (default: 0.9).")
        Double similarityThreshold;

        @Option(names = "--similarity-min-tokens", paramLabel = "N", description = "With --similarity: the fewest consecutive JPlag tokens that count as a match (default: 12).")
        Integer similarityMinTokens;

        @Option(names = "--similarity-csv", paramLabel = "FILE", description = "With --similarity: the CSV of pairs (default: beside --csv as <name>-similarity.csv).")
        Path similarityCsv;

        @Option(names = "--similarity-jar", paramLabel = "FILE", description = "With --similarity: the engine's jar (default: $GRADER_SIMILARITY_JAR, else next to grader.jar, else grader/similarity/target/similarity.jar).")
        Path similarityJar;

        @Option(names = "--isolation", paramLabel = "MODE", description = "require | auto (default) | off: run"
                + " submitted code in a bubblewrap sandbox; require refuses to grade without one, off is for"
                + " debugging only.")
        String isolation = "auto";

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
        boolean version;
    }

    /** The task ids, for the help text. */
    static final class TaskIds extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TaskIds() {
            super(Task.ALL.stream().map(Task::id).toList());
        }
    }

    /** What parsing gave: options to grade with, or help or version text to print. */
    public record Parsed(Options options, String text) {
    }

    /** Parses {@code args}. */
    public Parsed parse(String... args) throws UsageException {
        Spec spec = new Spec();
        CommandLine cli = new CommandLine(spec);
        cli.getCommandSpec().version("grade " + VERSION + " (Java Concurrency Grading Kit)");
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            String message = e.getMessage();
            throw new UsageException(Character.toLowerCase(message.charAt(0)) + message.substring(1));
        }
        if (cli.isUsageHelpRequested()) {
            return new Parsed(null, cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        if (cli.isVersionHelpRequested()) {
            return new Parsed(null, "grade " + VERSION + " (Java Concurrency Grading Kit)\n");
        }
        return new Parsed(check(spec), null);
    }

    private static Options check(Spec s) throws UsageException {
        if (s.submissions.isEmpty()) {
            throw new UsageException("no submission directory given, e.g. ./grade solutions (see --help)");
        }
        if (s.quiet && s.verbose) {
            throw new UsageException("--quiet and --verbose cannot be used together");
        }
        List<String> tasks = new ArrayList<>(new LinkedHashSet<>(s.tasks.stream().map(String::strip)
                .filter(t -> !t.isEmpty()).toList()));
        for (String task : tasks) {
            if (Task.byId(task).isEmpty()) {
                throw new UsageException("unknown task '" + task + "'; known tasks: " + Task.knownIds());
            }
        }
        if (s.jobs != null && (s.jobs < 1 || s.jobs > 32)) {
            throw new UsageException("--jobs must be between 1 and 32, not " + s.jobs);
        }
        if (s.jvms != null && (s.jvms < 1 || s.jvms > 9)) {
            throw new UsageException("--jvms must be between 1 and 9, not " + s.jvms);
        }
        seconds("--test-timeout", s.testSeconds);
        seconds("--submission-timeout", s.submissionSeconds);
        Options options = new Options(s.submissions, s.json, s.markdown, s.gradescope, s.junitXml, s.classroom,
                s.csv, s.feedback, tasks, s.config, s.jobs, s.jvms, s.testSeconds, s.submissionSeconds, s.quiet,
                s.verbose, s.noColor, s.keepScratch, s.classroom50, instant(s.submittedBefore), s.results, s.resume,
                s.html, s.shard == null ? null : Shard.parse(s.shard),
                similarity(s), isolation(s.isolation));
        if (options.classMode() && options.gradescope() != null) {
            throw new UsageException("--gradescope writes the result of one submission; give one directory");
        }
        if (options.classMode() && options.classroom50() != null) {
            throw new UsageException("--classroom50 writes the result of one submission; give one directory");
        }
        if (options.classMode() && options.classroom()) {
            throw new UsageException("--classroom reports one submission; give one directory");
        }
        if (options.similarity().enabled() && options.submissions().size() < 2) {
            throw new UsageException("--similarity compares submissions with each other; give two directories or more");
        }
        outputFile("--similarity-csv", options.similarity().csv());
        outputFile("--json", options.json());
        outputFile("--markdown", options.markdown());
        outputFile("--gradescope", options.gradescope());
        outputFile("--classroom50", options.classroom50());
        outputFile("--csv", options.csv());
        outputFile("--html", options.html());
        outputDirectory("--junit-xml", options.junitXml());
        outputDirectory("--feedback", options.feedback());
        outputDirectory("--results", options.results());
        if (!options.classMode() && (options.results() != null || options.resume())) {
            throw new UsageException("--results and --resume are for a class; give several directories or --csv");
        }
        return options;
    }

    private static java.time.Instant instant(String text) throws UsageException {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--submitted-before needs an instant with its offset, such as"
                    + " 2026-12-01T23:59:00Z or 2026-12-01T18:59:00-05:00, not '" + text + "'");
        }
    }

    private static kit.grader.similarity.SimilarityOptions similarity(Spec s) throws UsageException {
        if (s.similarity && s.shard != null) {
            throw new UsageException("--similarity compares the whole class, not one slice: leave it out of the "
                    + "--shard runs and give it to 'grade merge' instead");
        }
        return similarity(s.similarity, s.similarityThreshold, s.similarityMinTokens, s.similarityCsv,
                s.similarityJar);
    }

    /** The similarity options of a class run or a merge, checked. */
    static kit.grader.similarity.SimilarityOptions similarity(boolean enabled, Double thresholdGiven,
            Integer minTokensGiven, Path csv, Path jar) throws UsageException {
        boolean companions = thresholdGiven != null || minTokensGiven != null || csv != null || jar != null;
        if (companions && !enabled) {
            throw new UsageException("--similarity-threshold, --similarity-min-tokens, --similarity-csv and "
                    + "--similarity-jar go with --similarity; add it");
        }
        double threshold = thresholdGiven != null ? thresholdGiven
                : kit.grader.similarity.SimilarityOptions.DEFAULT_THRESHOLD;
        if (threshold < 0 || threshold > 1 || Double.isNaN(threshold)) {
            throw new UsageException("--similarity-threshold must be between 0 and 1 (a share), not " + threshold);
        }
        int minTokens = minTokensGiven != null ? minTokensGiven
                : kit.grader.similarity.SimilarityOptions.DEFAULT_MINIMUM_TOKEN_MATCH;
        if (minTokens < 3 || minTokens > 200) {
            throw new UsageException("--similarity-min-tokens must be between 3 and 200, not " + minTokens);
        }
        return new kit.grader.similarity.SimilarityOptions(enabled, threshold, minTokens, csv, jar);
    }

    private static IsolationMode isolation(String value) throws UsageException {
        try {
            return IsolationMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void seconds(String option, Double value) throws UsageException {
        if (value != null && (value <= 0 || value > 3600 || value.isNaN())) {
            throw new UsageException(option + " must be a number of seconds between 0 and 3600, not " + value);
        }
    }

    private static void outputFile(String option, Path file) throws UsageException {
        if (file != null && Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + ": is a directory; give a file name");
        }
    }

    private static void outputDirectory(String option, Path dir) throws UsageException {
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + dir + ": is a file; give a directory");
        }
    }
}
