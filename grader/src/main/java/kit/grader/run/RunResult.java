package kit.grader.run;

import java.util.List;
import java.util.Map;
import kit.grader.model.TestOutcome;

/**
 * What running a submission's hidden tests gave.
 *
 * @param outcomes per task id, its tests in plan order
 * @param notes per task id, remarks (e.g. the tests could not be run)
 * @param jvmsStarted how many test JVMs were started in all
 */
public record RunResult(Map<String, List<TestOutcome>> outcomes, Map<String, List<String>> notes, int jvmsStarted) {
}
