package kit.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import kit.grader.model.Task;
import kit.grader.run.TestClasspath;

/**
 * The binary names of the grader's own classes in task packages — the hidden tests and their helpers, e.g.
 * {@code concurrency.pipeline.CountingQueue} or {@code concurrency.counter.SpyLock$Pause} — read from the test
 * JVM's class path at run time.
 *
 * <p>That class path puts the grader's entries before the submission's classes, so a submitted class with one
 * of these names would never run: the student's code would silently get the grader's class instead. The
 * compiler reports such a class as a compile error of its task. Classes outside the task packages need no
 * list: the source finder never compiles them.
 */
public final class GraderClassNames {

    private static volatile GraderClassNames ofThisGrader;

    private final Set<String> names;

    private GraderClassNames(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The names on the class path of this grader's test JVMs (see {@link TestClasspath#locate()}), read once. */
    public static GraderClassNames ofThisGrader() {
        GraderClassNames loaded = ofThisGrader;
        if (loaded == null) {
            try {
                loaded = scan(TestClasspath.locate().entries());
            } catch (IOException e) {
                throw new IllegalStateException("cannot list the grader's own classes: " + e, e);
            }
            ofThisGrader = loaded;
        }
        return loaded;
    }

    /** The task-package class names in {@code entries} (jars or class directories). */
    public static GraderClassNames scan(List<Path> entries) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path entry : entries) {
            if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        add(e.nextElement().getName(), names);
                    }
                }
            } else if (Files.isDirectory(entry.resolve("concurrency"))) {
                try (Stream<Path> walk = Files.walk(entry.resolve("concurrency"))) {
                    walk.forEach(p -> add(entry.relativize(p).toString().replace('\\', '/'), names));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        return new GraderClassNames(names);
    }

    /** A fixed list of names (for tests). */
    public static GraderClassNames of(Set<String> names) {
        return new GraderClassNames(names);
    }

    /** Whether the grader has a class with this binary name, e.g. {@code concurrency.counter.SpyLock$Pause}. */
    public boolean contains(String binaryName) {
        return names.contains(binaryName);
    }

    /** Every name, sorted. */
    public Set<String> all() {
        return names;
    }

    private static void add(String entry, Set<String> names) {
        if (!entry.endsWith(".class") || entry.startsWith("META-INF/")) {
            return;
        }
        String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        int dot = name.lastIndexOf('.');
        if (dot > 0 && Task.byPackage(name.substring(0, dot)).isPresent()) {
            names.add(name);
        }
    }
}
