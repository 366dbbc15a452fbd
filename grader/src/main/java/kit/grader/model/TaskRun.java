package kit.grader.model;

import java.util.List;

/**
 * Everything the pipeline learned about one task of a submission, ready for scoring.
 *
 * @param task the task id
 * @param outcomes the task's hidden tests, in the order they were planned
 * @param compileErrors compiler errors in the task's package (then every test is {@code not-compiled})
 * @param notes remarks for the report, e.g. a missing task package
 */
public record TaskRun(String task, List<TestOutcome> outcomes, List<CompileError> compileErrors, List<String> notes) {

    public TaskRun {
        outcomes = List.copyOf(outcomes);
        compileErrors = List.copyOf(compileErrors);
        notes = List.copyOf(notes);
    }
}
