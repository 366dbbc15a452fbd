package kit.grader.model;

import java.util.List;

/**
 * One scored task.
 *
 * @param id the task id
 * @param score the points earned
 * @param maxScore the points the task is worth
 * @param tests its tests
 * @param compileErrors compiler errors in its package, if it did not compile
 * @param notes remarks for the report
 */
public record TaskResult(
        String id,
        double score,
        double maxScore,
        List<TestResult> tests,
        List<CompileError> compileErrors,
        List<String> notes) {

    public TaskResult {
        tests = List.copyOf(tests);
        compileErrors = List.copyOf(compileErrors);
        notes = List.copyOf(notes);
    }

    /** Whether every point was earned. */
    public boolean fullMarks() {
        return score >= maxScore;
    }
}
