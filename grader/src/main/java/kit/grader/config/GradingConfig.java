package kit.grader.config;

import java.util.Map;

/**
 * The instructor's scoring settings: each task's points and whether it is graded, optional per-test
 * points, and the time limits.
 *
 * @param tasks points and switch per task id, for every task
 * @param testPoints per task id, per test display name: the test's points instead of its {@code @Graded} points
 * @param testSeconds per-test hard time limit
 * @param submissionSeconds wall-time limit for running one submission's tests
 */
public record GradingConfig(
        Map<String, TaskSetting> tasks,
        Map<String, Map<String, Double>> testPoints,
        double testSeconds,
        double submissionSeconds) {

    public GradingConfig {
        tasks = Map.copyOf(tasks);
        testPoints = Map.copyOf(testPoints);
    }

    /**
     * One task's setting.
     *
     * @param points the points the task is worth
     * @param enabled whether the task is graded
     */
    public record TaskSetting(double points, boolean enabled) {
    }

    /** Returns this config with other time limits. */
    public GradingConfig withLimits(double newTestSeconds, double newSubmissionSeconds) {
        return new GradingConfig(tasks, testPoints, newTestSeconds, newSubmissionSeconds);
    }
}
