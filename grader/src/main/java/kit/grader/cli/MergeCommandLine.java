package kit.grader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of {@code grade merge REPORT.json… [outputs]}: combines the JSON reports of several runs
 * (e.g. the slices of {@code --shard}) into the class outputs one run would have written.
 */
public final class MergeCommandLine {

    /**
     * What to merge and where to write it.
     *
     * @param reports the JSON reports (one submission's, or a class's {@code {"submissions": [...]}})
     * @param csv where to write the class's CSV, or null
     * @param html where to write the class page, or null
     * @param feedback directory for one Markdown file per submission, or null
     * @param json where to write the merged class JSON report, or null
     * @param markdown where to write the class summary in Markdown, or null
     * @param verbose keep the tests' output in the merged JSON
     * @param similarity whether and how to compare the merged class's submissions with each other (never null)
     */
    public record MergeOptions(List<Path> reports, Path csv, Path html, Path feedback, Path json, Path markdown,
            boolean verbose, kit.grader.similarity.SimilarityOptions similarity) {
        public MergeOptions {
            reports = List.copyOf(reports);
            similarity = similarity == null ? kit.grader.similarity.SimilarityOptions.off() : similarity;
        }
    }

    /** What parsing gave: options, or help text to print. */
    public record Parsed(MergeOptions options, String text) {
    }

    @Command(name = "grade merge", sortOptions = false, usageHelpAutoWidth = true,
            description = {"Combines the JSON reports of several runs (e.g. --shard K/N slices) into the outputs one "
                    + "run of the whole class gives. Submissions are ordered by path; a submission (same path) "
                    + "in two reports is an error.", ""})
    static final class Spec {
        @Parameters(paramLabel = "REPORT.json", description = "JSON reports written with --json (one submission's or a class's).")
        List<Path> reports = new ArrayList<>();

        @Option(names = "--csv", paramLabel = "FILE", description = "One row per submission, a column per task, the total.")
        Path csv;

        @Option(names = "--html", paramLabel = "FILE", description = "The class page.")
        Path html;

        @Option(names = "--feedback", paramLabel = "DIR", description = "One Markdown feedback file per submission.")
        Path feedback;

        @Option(names = "--json", paramLabel = "FILE", description = "The merged class JSON report.")
        Path json;

        @Option(names = "--markdown", paramLabel = "FILE", description = "The class summary in Markdown.")
        Path markdown;

        @Option(names = {"-v", "--verbose"}, description = "Keep each test's output in the merged JSON.")
        boolean verbose;

        @Option(names = "--similarity", description = "Compare the merged class's submissions with JPlag, as a run of the whole class would (their directories, as named in the reports, must be readable here).")
        boolean similarity;

        @Option(names = "--similarity-threshold", paramLabel = "0..1", description = "With --similarity: report pairs at least this similar (default: 0.9).")
        Double similarityThreshold;

        @Option(names = "--similarity-min-tokens", paramLabel = "N", description = "With --similarity: the fewest consecutive JPlag tokens that count as a match (default: 12).")
        Integer similarityMinTokens;

        @Option(names = "--similarity-csv", paramLabel = "FILE", description = "With --similarity: the CSV of pairs (default: beside --csv as <name>-similarity.csv).")
        Path similarityCsv;

        @Option(names = "--similarity-jar", paramLabel = "FILE", description = "With --similarity: the engine's jar (default: $GRADER_SIMILARITY_JAR, else next to grader.jar, else grader/similarity/target/similarity.jar).")
        Path similarityJar;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
    }

    /** Parses the arguments after {@code merge}. */
    public Parsed parse(String... args) throws UsageException {
        Spec spec = new Spec();
        CommandLine cli = new CommandLine(spec);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            String message = e.getMessage();
            throw new UsageException("merge: " + Character.toLowerCase(message.charAt(0)) + message.substring(1));
        }
        if (cli.isUsageHelpRequested()) {
            return new Parsed(null, cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        if (spec.reports.isEmpty()) {
            throw new UsageException("merge: no JSON report given, e.g. ./grade merge out/*.json --csv grades.csv");
        }
        if (spec.csv == null && spec.html == null && spec.feedback == null && spec.json == null
                && spec.markdown == null && spec.similarityCsv == null) {
            throw new UsageException("merge: nothing to write; give --csv, --html, --feedback, --json, --markdown "
                    + "or --similarity-csv");
        }
        for (Path report : spec.reports) {
            if (!Files.isRegularFile(report)) {
                throw new UsageException("merge: " + report + ": no such file");
            }
        }
        for (Path file : new Path[] {spec.csv, spec.html, spec.json, spec.markdown, spec.similarityCsv}) {
            if (file != null && Files.isDirectory(file)) {
                throw new UsageException("merge: " + file + ": is a directory; give a file name");
            }
        }
        kit.grader.similarity.SimilarityOptions similarity;
        try {
            similarity = CommandLineParser.similarity(spec.similarity, spec.similarityThreshold,
                    spec.similarityMinTokens, spec.similarityCsv, spec.similarityJar);
        } catch (UsageException e) {
            throw new UsageException("merge: " + e.getMessage());
        }
        return new Parsed(new MergeOptions(spec.reports, spec.csv, spec.html, spec.feedback, spec.json,
                spec.markdown, spec.verbose, similarity), null);
    }
}
