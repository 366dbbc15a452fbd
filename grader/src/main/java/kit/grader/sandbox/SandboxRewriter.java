package kit.grader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Makes a compiled submission safe to run next to the hidden tests: every call of a sensitive JDK API (see
 * {@link ApiRules}) in its class files is redirected through a bridge method that asks the {@link Guard} first.
 *
 * <p>A class that cannot be made safe this way — one that extends a checked JDK class such as
 * {@code FileOutputStream} or {@code ClassLoader}, or calls a checked method with {@code super.} — is reported
 * as a violation instead; the grader treats it like a compile error of its task.
 */
public final class SandboxRewriter {

    /** A class the rewriter refused, with the reason and the source line. */
    public record Violation(String className, String sourceFile, int line, String message) {
    }

    /**
     * Rewrites the class files under {@code classes} in place.
     *
     * @return the classes that could not be made safe (their files are left as they were)
     */
    public List<Violation> rewrite(Path classes) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        Map<String, Path> paths = new HashMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String name = new ClassReader(bytes).getClassName();
                files.put(name, bytes);
                paths.put(name, file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        SubmissionTypes types = SubmissionTypes.of(files.values());
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : files.entrySet()) {
            ClassReader reader = new ClassReader(entry.getValue());
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            GuardingClassVisitor visitor = new GuardingClassVisitor(writer, types);
            reader.accept(visitor, ClassReader.EXPAND_FRAMES);
            if (visitor.violation() != null) {
                violations.add(visitor.violation());
            } else if (visitor.bridgeCount() > 0) {
                Files.write(paths.get(entry.getKey()), writer.toByteArray());
            }
        }
        return violations;
    }
}
