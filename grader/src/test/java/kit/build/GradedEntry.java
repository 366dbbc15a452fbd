package kit.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import kit.grader.model.Task;
import kit.testing.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * One graded hidden test as its annotations declare it: the data behind the traceability check and
 * {@code docs/what-is-graded.md}.
 *
 * @param task the task id of the class's {@code @Tag("task:<id>")}
 * @param className the test class's simple name
 * @param method the test method's name
 * @param name the test's display name, as reports show it
 * @param points its {@code @Graded} points
 * @param kind correctness, timing or api
 * @param requirement the stub Javadoc sentence it enforces
 */
record GradedEntry(String task, String className, String method, String name, double points, String kind,
        String requirement) {

    /** Where the test is declared, e.g. {@code LockedCounterHiddenTest.releasesTheLockInFinally}. */
    String where() {
        return className + "." + method;
    }

    /** Every {@code @Graded} method of the hidden test classes ({@code concurrency.**.*HiddenTest}), in task order. */
    static List<GradedEntry> all() {
        List<GradedEntry> tests = new ArrayList<>();
        for (Class<?> type : hiddenTestClasses()) {
            String task = Arrays.stream(type.getAnnotationsByType(Tag.class)).map(Tag::value)
                    .filter(v -> v.startsWith("task:")).map(v -> v.substring("task:".length())).findFirst().orElse("?");
            Method[] methods = type.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(GradedEntry::sourceOrder).thenComparing(Method::getName));
            for (Method m : methods) {
                Graded graded = m.getAnnotation(Graded.class);
                if (graded == null) {
                    continue;
                }
                DisplayName display = m.getAnnotation(DisplayName.class);
                tests.add(new GradedEntry(task, type.getSimpleName(), m.getName(),
                        display == null ? m.getName() + "()" : display.value(), graded.points(),
                        graded.kind().reportName(), graded.requirement()));
            }
        }
        List<String> order = Task.ALL.stream().map(Task::id).toList();
        tests.sort(Comparator.comparing((GradedEntry t) -> order.indexOf(t.task())).thenComparing(GradedEntry::className));
        return tests;
    }

    /** Reflection gives no source order; the line of the method's first instruction does (from the class file). */
    private static int sourceOrder(Method m) {
        return SourceLines.of(m.getDeclaringClass()).getOrDefault(m.getName(), Integer.MAX_VALUE);
    }

    private static List<Class<?>> hiddenTestClasses() {
        Path root;
        try {
            root = Path.of(Graded.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root.resolve("concurrency"))) {
            for (Path file : walk.sorted().toList()) {
                String entry = root.relativize(file).toString().replace('\\', '/');
                if (entry.endsWith("HiddenTest.class") && !entry.contains("$")) {
                    classes.add(Class.forName(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'),
                            false, GradedEntry.class.getClassLoader()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }
}
