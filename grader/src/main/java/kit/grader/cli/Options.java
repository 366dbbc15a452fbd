package kit.grader.cli;

import java.nio.file.Path;
import java.util.List;
import kit.grader.isolation.IsolationMode;

/**
 * The grader's command line, parsed and checked.
 *
 * @param submissions the directories to grade
 * @param json where to write the JSON report, or null
 * @param markdown where to write the Markdown feedback (class mode: the class summary), or null
 * @param gradescope where to write Gradescope's results.json, or null
 * @param junitXml directory for JUnit XML files, or null
 * @param classroom write GitHub Classroom's reporter result
 * @param csv where to write the class's grades, or null
 * @param feedback directory for one Markdown file per submission, or null
 * @param tasks the tasks to grade (empty: every enabled task)
 * @param config the scoring file, or null for the built-in one
 * @param jobs submissions graded at once (class mode), or null for the default
 * @param jvms test JVMs per submission, or null for the default
 * @param testSeconds per-test limit, or null for the config's
 * @param submissionSeconds per-submission limit, or null for the config's
 * @param quiet print only the total
 * @param verbose print output and timings
 * @param noColor never colour the terminal report
 * @param keepScratch keep compiled classes and working directories
 * @param classroom50 where to write Classroom 50's result.json (release-body.md goes beside it), or null
 * @param submittedBefore grade each repository at its latest {@code submit/…} tag at or before this instant, or null
 * @param results class mode: the directory of per-submission results, or null for the default
 * @param resume class mode: reuse the still-valid results kept there
 * @param html where to write the class page (class mode), or null
 * @param shard which slice of the submissions to grade ({@code --shard K/N}), or null for all of them
 * @param similarity class mode: whether and how to compare submissions with each other (never null)
 * @param isolation whether submitted code must, may or must not run in an operating-system sandbox
 */
public record Options(
        List<Path> submissions,
        Path json,
        Path markdown,
        Path gradescope,
        Path junitXml,
        boolean classroom,
        Path csv,
        Path feedback,
        List<String> tasks,
        Path config,
        Integer jobs,
        Integer jvms,
        Double testSeconds,
        Double submissionSeconds,
        boolean quiet,
        boolean verbose,
        boolean noColor,
        boolean keepScratch,
        Path classroom50,
        java.time.Instant submittedBefore,
        Path results,
        boolean resume,
        Path html,
        Shard shard,
        kit.grader.similarity.SimilarityOptions similarity,
        IsolationMode isolation) {

    public Options {
        submissions = List.copyOf(submissions);
        tasks = List.copyOf(tasks);
        similarity = similarity == null ? kit.grader.similarity.SimilarityOptions.off() : similarity;
        isolation = isolation == null ? IsolationMode.AUTO : isolation;
    }

    /** These options with other submission directories. */
    public Options withSubmissions(List<Path> dirs) {
        return new Options(dirs, json, markdown, gradescope, junitXml, classroom, csv, feedback, tasks, config, jobs,
                jvms, testSeconds, submissionSeconds, quiet, verbose, noColor, keepScratch, classroom50,
                submittedBefore, results, resume, html, shard, similarity, isolation);
    }

    /**
     * Default of {@code --jobs}: four submissions per core, at most eight, one test JVM each. The hidden tests
     * mostly wait (latencies of 50–300 ms), so several test JVMs share a core; on two cores eight at once gave
     * test for test the verdicts of grading one at a time (grader/bench/benchmark.sh compares them).
     */
    public static final int DEFAULT_JOBS = Math.min(8, 4 * Runtime.getRuntime().availableProcessors());

    /** Test JVMs per submission: 4 alone (its tasks side by side), 1 in class mode (submissions side by side). */
    public int jvmsPerSubmission() {
        return jvms != null ? jvms : classMode() ? 1 : 4;
    }

    /** Submissions graded at once in class mode. */
    public int jobsOrDefault() {
        return jobs != null ? jobs : DEFAULT_JOBS;
    }

    /**
     * Where class mode keeps each finished submission's result: {@code --results}, else {@code <csv>.results/}
     * beside the CSV file, else {@code grade-results/} in the working directory.
     */
    public Path resultsDirectory() {
        if (results != null) {
            return results;
        }
        if (csv != null) {
            Path name = csv.getFileName();
            Path parent = csv.toAbsolutePath().getParent();
            return parent.resolve(name + ".results");
        }
        return Path.of("grade-results");
    }

    /** Whether a whole class is graded: several directories, or a class output asked for. */
    public boolean classMode() {
        return submissions.size() > 1 || csv != null || feedback != null || html != null || shard != null;
    }
}
