package kit.grader.model;

import java.util.List;

/**
 * One graded submission: the model every report writer reads.
 *
 * @param name the submission's name (its directory's name)
 * @param path where it was read from
 * @param score the points earned
 * @param maxScore the points available
 * @param tasks its tasks, in the contract's order
 * @param notes remarks for the report (left-out files, encodings, ...)
 * @param error why the submission could not be graded at all, or empty
 * @param durationMillis how long grading took
 * @param isolation the sandbox its code ran in: {@code "bubblewrap"} or {@code "none"} (the guard alone)
 */
public record SubmissionResult(
        String name,
        String path,
        double score,
        double maxScore,
        List<TaskResult> tasks,
        List<String> notes,
        String error,
        long durationMillis,
        String isolation) {

    public SubmissionResult {
        tasks = List.copyOf(tasks);
        notes = List.copyOf(notes);
    }

    /** A result without a sandbox ({@code isolation} "none"). */
    public SubmissionResult(String name, String path, double score, double maxScore, List<TaskResult> tasks,
            List<String> notes, String error, long durationMillis) {
        this(name, path, score, maxScore, tasks, notes, error, durationMillis, "none");
    }

    /** Whether the submission could be graded. */
    public boolean graded() {
        return error.isEmpty();
    }

    /** Every test of every task. */
    public List<TestResult> allTests() {
        return tasks.stream().flatMap(t -> t.tests().stream()).toList();
    }
}
