package kit.grader.child;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The frames the grader and its test JVM exchange over their loopback socket: a type byte, then fields
 * written by {@link #writeString} and the {@code DataOutputStream} primitives.
 */
public final class Protocol {

    /** Child to grader: the token it was given, first thing after connecting. */
    public static final byte HELLO = 'H';
    /** Child to grader: the tests of a task (count, then per test: id, class id, class, method, name, points, kind, problem). */
    public static final byte PLAN = 'P';
    /** Child to grader: a planned test started. */
    public static final byte START = 'S';
    /** Child to grader: one invocation of a repeated or parameterized test started (resets its clock). */
    public static final byte TICK = 'T';
    /** Child to grader: a test class started (its set-up runs before any of its tests). */
    public static final byte CLASS_START = 'C';
    /** Child to grader: a planned test finished (id, status, message, millis, output). */
    public static final byte FINISH = 'F';
    /** Child to grader: a task's hidden tests could not be discovered (task, message). */
    public static final byte PROBLEM = 'Q';
    /** Child to grader: the requested tests are done (task, whether they left threads behind that could disturb the next task). */
    public static final byte DONE = 'E';

    /** Grader to child: discover a task's tests, send the plan, and (unless plan-only) run them. */
    public static final byte RUN_TASK = 'D';
    /** Grader to child: run these tests of a task (after a restart). */
    public static final byte RUN_TESTS = 'U';
    /** Grader to child: exit. */
    public static final byte EXIT = 'X';

    /** The test JVM's exit status when it stopped itself because the code under test started too many threads. */
    public static final int EXIT_TOO_MANY_THREADS = 86;

    /** Describes why a test JVM that exited with {@code status} ended, for the test that was running. */
    public static String describeExit(int status) {
        if (status == EXIT_TOO_MANY_THREADS) {
            return "the test JVM was stopped because the submission had more than 2000 threads alive at once"
                    + " (a thread per task or per wait?)";
        }
        return "the test JVM exited with status " + status;
    }

    /** Longest string a frame may carry; longer strings are cut. */
    public static final int MAX_STRING = 64 * 1024;

    private Protocol() {
    }

    /** Writes {@code s} as a length and UTF-8 bytes, cut to {@link #MAX_STRING} bytes. */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_STRING);
        out.writeInt(length);
        out.write(bytes, 0, length);
    }

    /** Reads a string written by {@link #writeString}. */
    public static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("bad frame: string of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("connection closed inside a frame");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
