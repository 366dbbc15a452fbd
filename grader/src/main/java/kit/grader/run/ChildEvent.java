package kit.grader.run;

import java.util.List;

/** What a test JVM reported, or that it went away. */
sealed interface ChildEvent {

    /** The tests of a task. */
    record Plan(String task, List<PlannedTest> tests) implements ChildEvent {
    }

    /** A test started. */
    record Start(String id) implements ChildEvent {
    }

    /** An invocation of a repeated or parameterized test started. */
    record Tick(String id) implements ChildEvent {
    }

    /** A test class started its set-up. */
    record ClassStart(String id) implements ChildEvent {
    }

    /** A test finished. */
    record Finish(String id, String status, String message, long millis, String output) implements ChildEvent {
    }

    /** A task's hidden tests could not be discovered. */
    record Problem(String task, String message) implements ChildEvent {
    }

    /** The requested tests are done. */
    record Done(String task, boolean threadsLeft) implements ChildEvent {
    }

    /** The connection closed: the JVM exited, crashed or was killed. */
    record Closed(String reason) implements ChildEvent {
    }
}
