package kit.grader.grade;

import java.util.List;
import kit.grader.config.GradingConfig;
import kit.grader.run.RunLimits;

/**
 * How to grade: which tasks, the scoring config and the run's limits.
 *
 * @param tasks the task ids to grade, in the contract's order
 * @param config points per task and test
 * @param limits time limits, test JVMs per submission, JVM options
 * @param keepScratch keep each submission's compiled classes and working directory (for debugging)
 * @param keepOutput keep what each test printed (for verbose reports)
 */
public record GradeSettings(List<String> tasks, GradingConfig config, RunLimits limits, boolean keepScratch,
        boolean keepOutput) {

    public GradeSettings {
        tasks = List.copyOf(tasks);
    }
}
