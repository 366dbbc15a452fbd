package kit.grader.run;

import java.util.List;

/**
 * A piece of work for a test JVM: a whole task, or the remaining tests of a task after a restart.
 *
 * @param task the task id
 * @param planOnly only discover and report the tests (the task did not compile)
 * @param testIds the tests to run, or {@code null} for the whole task
 * @param attempts how many JVMs already died on this work without finishing a test
 */
record Work(String task, boolean planOnly, List<String> testIds, int attempts) {
}
