package kit.grader.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kit.grader.compile.StubLibrary;
import kit.grader.isolation.IsolationMode;
import kit.grader.isolation.Sandbox;
import kit.grader.run.ChildServer;
import kit.grader.run.Cleanup;
import kit.grader.run.TestClasspath;

/**
 * What one run of the grader shares between submissions: the socket test JVMs report to, the test class
 * path, the stubs, and a scratch directory removed at the end.
 */
public final class GraderSession implements AutoCloseable {

    private final ChildServer server;
    private final Path scratch;
    private final SubmissionGrader grader;
    private boolean keep;

    private GraderSession(ChildServer server, Path scratch, SubmissionGrader grader) {
        this.server = server;
        this.scratch = scratch;
        this.grader = grader;
    }

    /** Opens a session with the sandbox {@link IsolationMode#AUTO} finds. */
    public static GraderSession open() throws IOException {
        return open(Sandbox.detect(IsolationMode.AUTO));
    }

    /** Opens a session whose test JVMs run in {@code sandbox}. */
    public static GraderSession open(Sandbox sandbox) throws IOException {
        Path scratch = Files.createTempDirectory("kit-grader-");
        Cleanup.deleteOnStop(scratch);
        ChildServer server = new ChildServer();
        SubmissionGrader grader = new SubmissionGrader(server, TestClasspath.locate(), StubLibrary.load(), scratch,
                sandbox);
        return new GraderSession(server, scratch, grader);
    }

    public SubmissionGrader grader() {
        return grader;
    }

    /** The scratch directory. */
    public Path scratch() {
        return scratch;
    }

    /** Keeps the scratch directory after the session (for {@code --keep-scratch}). */
    public void keepScratch() {
        keep = true;
        Cleanup.forget(scratch);
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (keep) {
            return;
        }
        Cleanup.delete(scratch);
        Cleanup.forget(scratch);
    }
}
