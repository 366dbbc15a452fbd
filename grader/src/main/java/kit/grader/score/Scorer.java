package kit.grader.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kit.grader.config.GradingConfig;
import kit.grader.model.Status;
import kit.grader.model.TaskResult;
import kit.grader.model.TaskRun;
import kit.grader.model.TestOutcome;
import kit.grader.model.TestResult;

/**
 * Turns test outcomes into points: a pure function of the outcomes and the scoring config.
 *
 * <p>A task is worth its configured points; its tests share them in proportion to their weights (their
 * {@code @Graded} points, or the config's per-test points). A test earns its share when it passed, nothing
 * otherwise. A task whose tests all pass earns exactly its points.
 */
public final class Scorer {

    private Scorer() {
    }

    /** Scores one task run under {@code config}. */
    public static TaskResult score(TaskRun run, GradingConfig config) {
        double taskPoints = config.tasks().get(run.task()).points();
        Map<String, Double> overrides = config.testPoints().getOrDefault(run.task(), Map.of());
        double totalWeight = 0;
        for (TestOutcome o : run.outcomes()) {
            totalWeight += weight(o, overrides);
        }
        List<TestResult> tests = new ArrayList<>();
        double score = 0;
        boolean allPassed = !run.outcomes().isEmpty();
        for (TestOutcome o : run.outcomes()) {
            double max = totalWeight > 0 ? round(weight(o, overrides) * taskPoints / totalWeight) : 0;
            boolean passed = o.status() == Status.PASSED;
            allPassed &= passed;
            double points = passed ? max : 0;
            score += points;
            tests.add(new TestResult(o.name(), o.kind(), o.status(), points, max, o.message(), o.durationMillis(),
                    o.output()));
        }
        List<String> notes = new ArrayList<>(run.notes());
        if (run.outcomes().isEmpty() && notes.isEmpty()) {
            notes.add("no hidden tests were found for this task");
        }
        double total = allPassed && totalWeight > 0 ? taskPoints : Math.min(round(score), taskPoints);
        return new TaskResult(run.task(), total, taskPoints, tests, run.compileErrors(), notes);
    }

    /** The names in {@code config}'s per-test points that match no test of the runs, as warnings. */
    public static List<String> unknownTestNames(List<TaskRun> runs, GradingConfig config) {
        List<String> warnings = new ArrayList<>();
        for (TaskRun run : runs) {
            Map<String, Double> overrides = config.testPoints().getOrDefault(run.task(), Map.of());
            for (String name : overrides.keySet()) {
                if (run.outcomes().stream().noneMatch(o -> o.name().equals(name)) && !run.outcomes().isEmpty()) {
                    warnings.add("grading config: task '" + run.task() + "' has no test named '" + name + "'");
                }
            }
        }
        return warnings;
    }

    /** Sum of task scores, rounded to hundredths of a point. */
    public static double total(List<TaskResult> tasks) {
        double sum = 0;
        for (TaskResult t : tasks) {
            sum += t.score();
        }
        return round(sum);
    }

    private static double weight(TestOutcome o, Map<String, Double> overrides) {
        return overrides.getOrDefault(o.name(), o.weight());
    }

    /** Rounds to 1e-6 to hide floating-point dust (e.g. 11.999999999). */
    static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
