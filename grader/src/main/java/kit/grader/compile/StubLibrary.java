package kit.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kit.grader.PackagedFiles;
import kit.grader.find.SourceFile;
import kit.grader.model.Task;

/**
 * The template's stubs ({@code exercises/src/main/java}), packaged with the grader under {@code stubs/}: the
 * grader compiles a task's stubs in place of submitted code that does not compile.
 */
public final class StubLibrary {

    private final Map<String, List<SourceFile>> byTask;

    private StubLibrary(Map<String, List<SourceFile>> byTask) {
        this.byTask = byTask;
    }

    /** Loads the stubs packaged with the grader (from grader.jar or target/classes). */
    public static StubLibrary load() {
        try {
            URI uri = StubLibrary.class.getResource("/stubs/concurrency").toURI();
            return read(PackagedFiles.path(uri).getParent());
        } catch (NullPointerException e) {
            throw new IllegalStateException("the grader was built without the stubs (stubs/concurrency)", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the stubs packaged with the grader: " + e, e);
        }
    }

    /** Reads stubs from a source root holding {@code concurrency/<task>/...}. */
    public static StubLibrary read(Path root) throws IOException {
        Map<String, List<SourceFile>> byTask = new LinkedHashMap<>();
        for (Task task : Task.ALL) {
            List<SourceFile> files = new ArrayList<>();
            Path dir = root.resolve(task.directory());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                        String relative = root.relativize(file).toString().replace('\\', '/');
                        String pkg = relative.substring(0, relative.lastIndexOf('/')).replace('/', '.');
                        files.add(new SourceFile("stubs/" + relative, pkg, task.id(),
                                new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            byTask.put(task.id(), List.copyOf(files));
        }
        return new StubLibrary(byTask);
    }

    /** The stub sources of {@code task} (empty when the template has none yet). */
    public List<SourceFile> of(String task) {
        return byTask.getOrDefault(task, List.of());
    }
}
