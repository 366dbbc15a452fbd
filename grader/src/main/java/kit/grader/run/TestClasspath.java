package kit.grader.run;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kit.grader.child.ChildRunner;

/**
 * The class path of the test JVM, without the submission: the grader's own classes first (hidden tests,
 * kit.testing, the grader's child runner) and their libraries (JUnit, ArchUnit, AssertJ, ASM).
 *
 * <p>From grader.jar that is the jar alone. From {@code target/classes} (the grader's own tests under
 * Maven) it is that directory plus the runtime dependencies Maven wrote to {@code target/grader-classpath.txt}
 * — never the test class path, which holds the reference solutions.
 *
 * @param hiddenRoot the entry holding the hidden tests (the jar or the classes directory)
 * @param entries every entry, {@code hiddenRoot} first
 */
public record TestClasspath(Path hiddenRoot, List<Path> entries) {

    public TestClasspath {
        entries = List.copyOf(entries);
    }

    /** Works out the class path from where the grader's classes were loaded. */
    public static TestClasspath locate() {
        Path own;
        try {
            own = Path.of(ChildRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where the grader's classes are: " + e, e);
        }
        if (Files.isRegularFile(own)) {
            return new TestClasspath(own, List.of(own));
        }
        Path listing = own.resolveSibling("grader-classpath.txt");
        List<Path> entries = new ArrayList<>();
        entries.add(own);
        try {
            String text = Files.readString(listing).strip();
            for (String entry : text.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("running from " + own + " needs " + listing
                    + " (written by `mvn -pl grader generate-resources`)", e);
        }
        return new TestClasspath(own, entries);
    }

    /** The class path string for a test JVM that also sees {@code submissionClasses}, after the grader's. */
    public String with(String submissionClasses) {
        List<String> parts = new ArrayList<>();
        for (Path p : entries) {
            parts.add(p.toAbsolutePath().toString());
        }
        parts.add(submissionClasses);
        return String.join(File.pathSeparator, parts);
    }
}
