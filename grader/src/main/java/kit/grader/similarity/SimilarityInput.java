package kit.grader.similarity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kit.grader.compile.StubLibrary;
import kit.grader.find.SourceFile;
import kit.grader.find.Submission;

/**
 * Lays out what the similarity engine compares, in a scratch directory: for each scope (each task, and
 * {@code all}) one directory per submission holding only its task packages' Java files, and the base code
 * (the template's stubs) beside them.
 *
 * <p>Submission directories are named {@code s0001}, {@code s0002}, ... so that any submission name is safe;
 * {@link #nameOf} maps them back. A task whose files are all exactly the stubs (not attempted) is left out of
 * that task's scope: two untouched templates are alike by construction, not by copying.
 */
public final class SimilarityInput {

    /** The scope that holds every task of a submission at once. */
    public static final String ALL = "all";

    private final Path root;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<Scope> scopes = new ArrayList<>();

    /** One comparison to run: the directory of submissions and the directory of base code (may be absent). */
    public record Scope(String scope, Path submissions, Path baseCode) {
    }

    private SimilarityInput(Path root) {
        this.root = root;
    }

    /**
     * Writes the layout under {@code root} for {@code submissions} (in order; {@code displayNames} gives each one's
     * name in the report) and {@code tasks}.
     */
    public static SimilarityInput write(Path root, List<Submission> submissions, List<String> displayNames,
            List<String> tasks, StubLibrary stubs) throws IOException {
        SimilarityInput input = new SimilarityInput(root);
        List<String> scopeIds = new ArrayList<>(tasks);
        scopeIds.add(ALL);
        for (String scope : scopeIds) {
            List<String> scopeTasks = scope.equals(ALL) ? tasks : List.of(scope);
            Path subs = root.resolve(dirName(scope)).resolve("submissions");
            Path base = root.resolve(dirName(scope)).resolve("base");
            Files.createDirectories(subs);
            boolean hasBase = false;
            for (String task : scopeTasks) {
                for (SourceFile stub : stubs.of(task)) {
                    writeFile(base, stub.path().substring("stubs/".length()), stub.content());
                    hasBase = true;
                }
            }
            for (int i = 0; i < submissions.size(); i++) {
                String id = String.format("s%04d", i + 1);
                input.names.put(id, displayNames.get(i));
                for (String task : scopeTasks) {
                    List<SourceFile> files = submissions.get(i).sourcesOf(task);
                    if (files.isEmpty() || untouched(files, stubs.of(task))) {
                        continue;
                    }
                    for (SourceFile file : files) {
                        writeFile(subs.resolve(id), file.path(), file.content());
                    }
                }
            }
            input.scopes.add(new Scope(scope, subs, hasBase ? base : null));
        }
        return input;
    }

    /** The comparisons to run. */
    public List<Scope> scopes() {
        return List.copyOf(scopes);
    }

    /** The report name of the submission laid out as directory {@code id} (the id itself when unknown). */
    public String nameOf(String id) {
        return names.getOrDefault(id, id);
    }

    /** The scratch directory holding the layout. */
    public Path root() {
        return root;
    }

    private static boolean untouched(List<SourceFile> files, List<SourceFile> stubs) {
        Set<String> stubTexts = stubs.stream().map(s -> s.content().strip()).collect(Collectors.toSet());
        return files.stream().allMatch(f -> stubTexts.contains(f.content().strip()));
    }

    private static String dirName(String scope) {
        return scope.equals(ALL) ? "_all" : scope;
    }

    private static void writeFile(Path dir, String relative, String content) throws IOException {
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir)) {
            throw new IOException("refusing to write outside the scratch directory: " + relative);
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
