package kit.grader.model;

/**
 * What running one hidden test gave, before scoring.
 *
 * @param task the task id
 * @param name the test's display name
 * @param kind {@code correctness}, {@code timing} or {@code api}
 * @param weight the test's points as the hidden test declares them ({@code @Graded})
 * @param status how it ended
 * @param message the failure message for the student, or empty
 * @param durationMillis how long it ran
 * @param output what the test printed (capped), or empty
 */
public record TestOutcome(
        String task,
        String name,
        String kind,
        double weight,
        Status status,
        String message,
        long durationMillis,
        String output) {

    /** Returns this outcome with another status and message. */
    public TestOutcome with(Status newStatus, String newMessage) {
        return new TestOutcome(task, name, kind, weight, newStatus, newMessage, durationMillis, output);
    }

    /** Returns this outcome without the captured output. */
    public TestOutcome withoutOutput() {
        return output.isEmpty() ? this : new TestOutcome(task, name, kind, weight, status, message, durationMillis, "");
    }
}
