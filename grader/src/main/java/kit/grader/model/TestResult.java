package kit.grader.model;

/**
 * One scored hidden test.
 *
 * @param name the test's display name
 * @param kind {@code correctness}, {@code timing} or {@code api}
 * @param status how it ended
 * @param points the points earned
 * @param maxPoints the points it is worth
 * @param message the failure message, or empty
 * @param durationMillis how long it ran
 * @param output what it printed (capped), or empty
 */
public record TestResult(
        String name,
        String kind,
        Status status,
        double points,
        double maxPoints,
        String message,
        long durationMillis,
        String output) {

    /** Whether the test passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }
}
