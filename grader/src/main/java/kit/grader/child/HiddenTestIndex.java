package kit.grader.child;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the hidden test classes ({@code concurrency.**.*HiddenTest}) of the grader's own class path entry —
 * never of the submission's classes, so a submitted class named like a test is never run as one.
 */
final class HiddenTestIndex {

    private HiddenTestIndex() {
    }

    /** The class names of hidden tests in {@code root} (a jar or a class directory). */
    static List<String> scan(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            try (JarFile jar = new JarFile(root.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    add(e.nextElement().getName(), names);
                }
            }
        } else {
            Path base = root.resolve("concurrency");
            if (Files.isDirectory(base)) {
                try (Stream<Path> walk = Files.walk(base)) {
                    walk.forEach(p -> add(root.relativize(p).toString().replace('\\', '/'), names));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    private static void add(String entry, List<String> names) {
        if (entry.startsWith("concurrency/") && entry.endsWith("HiddenTest.class") && !entry.contains("$")) {
            names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }
}
