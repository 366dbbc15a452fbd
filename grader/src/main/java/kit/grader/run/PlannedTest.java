package kit.grader.run;

/**
 * One hidden test as the test JVM planned it.
 *
 * @param id JUnit's unique id (stable across JVMs)
 * @param classId the unique id of its test class
 * @param task the task id
 * @param className the hidden test class
 * @param methodName the test method
 * @param name the display name
 * @param points its {@code @Graded} points
 * @param kind {@code correctness}, {@code timing} or {@code api}
 * @param problem a defect of the hidden test itself (e.g. no {@code @Graded}), or empty
 */
public record PlannedTest(String id, String classId, String task, String className, String methodName, String name,
        double points, String kind, String problem) {
}
