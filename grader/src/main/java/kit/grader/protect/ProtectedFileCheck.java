package kit.grader.protect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares a student's repository with the template's protected files — {@code pom.xml}, {@code src/test/**}
 * and {@code .github/**} — and lists each one changed, added or deleted.
 *
 * <p>The grader never runs any of these files (it compiles only {@code src/main/java} and runs its own hidden
 * tests), so a change costs or earns nothing; the list is for the instructor, who may want to know why a
 * student's public tests "pass".
 *
 * <p>Only a copy of the template is compared. A directory with none of the three (just the task sources, like a
 * bare {@code src/main/java}) is not, and neither is the kit's reference module (its {@code pom.xml} is the
 * kit's {@code solutions/pom.xml} and it has no {@code src/test} or {@code .github}): there, a missing test or
 * workflow is not tampering. A repository that has any of the three is compared in full, so a deleted test
 * counts.
 */
public final class ProtectedFileCheck {

    /** The protected folders, relative to the project root. */
    static final List<String> PROTECTED_DIRS = List.of("src/test", ".github");
    /** Files under a protected folder that are not counted as added: what operating systems leave behind. */
    private static final Set<String> SYSTEM_FILES = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");
    /** Largest file compared by content; a larger protected file is a change (the template's are a few KB). */
    static final long MAX_COMPARED_BYTES = 1_000_000;
    /** Most files looked at under the protected folders: the check takes bounded time whatever is there. */
    static final int MAX_FILES = 2_000;

    /**
     * The GitHub Classroom files that the Classroom 50 flavour of the template leaves out
     * ({@code export-template.sh --classroom50}): a copy missing all of them is that flavour, not a deletion.
     */
    static final Set<String> GITHUB_CLASSROOM_FILES = Set.of(".github/workflows/classroom.yml",
            ".github/classroom/autograding.json");
    /** The workflow Classroom 50 itself adds to every student repository when the student accepts. */
    static final String CLASSROOM50_WORKFLOW = ".github/workflows/autograde.yaml";

    private final TemplateFiles template;

    public ProtectedFileCheck(TemplateFiles template) {
        this.template = template;
    }

    /** The changes in the project rooted at {@code root}, sorted by path; empty when it is not a template copy. */
    public List<ProtectedChange> check(Path root) throws IOException {
        Path pom = root.resolve("pom.xml");
        boolean hasPom = Files.exists(pom, LinkOption.NOFOLLOW_LINKS);
        boolean hasProtectedDir = PROTECTED_DIRS.stream().anyMatch(d -> Files.exists(root.resolve(d),
                LinkOption.NOFOLLOW_LINKS));
        if (!hasProtectedDir && (!hasPom || isReferencePom(pom))) {
            return List.of();
        }
        Set<String> present = new TreeSet<>();
        if (hasPom) {
            present.add("pom.xml");
        }
        for (String dir : PROTECTED_DIRS) {
            present.addAll(filesUnder(root, dir));
        }
        List<ProtectedChange> changes = new ArrayList<>();
        Set<String> all = new TreeSet<>(present);
        all.addAll(template.paths());
        boolean classroom50Flavour = GITHUB_CLASSROOM_FILES.stream().noneMatch(present::contains);
        if (classroom50Flavour) {
            all.removeAll(GITHUB_CLASSROOM_FILES);
            all.remove(CLASSROOM50_WORKFLOW);
        }
        for (String path : all) {
            boolean expected = template.paths().contains(path);
            if (!present.contains(path)) {
                changes.add(new ProtectedChange(path, ProtectedChange.Kind.DELETED));
            } else if (!expected) {
                changes.add(new ProtectedChange(path, ProtectedChange.Kind.ADDED));
            } else if (!same(root.resolve(path), path)) {
                changes.add(new ProtectedChange(path, ProtectedChange.Kind.CHANGED));
            }
        }
        return changes;
    }

    private boolean isReferencePom(Path pom) throws IOException {
        return Files.isRegularFile(pom, LinkOption.NOFOLLOW_LINKS) && Files.size(pom) <= MAX_COMPARED_BYTES
                && template.isReferencePom(Files.readAllBytes(pom));
    }

    /** Whether the file at {@code file} is an accepted version of the template's {@code path}. */
    private boolean same(Path file, String path) throws IOException {
        // A link or a folder in place of a file, or a huge file, is a change; it is never followed or read.
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_COMPARED_BYTES) {
            return false;
        }
        return template.accepts(path, Files.readAllBytes(file));
    }

    /** Files (and links) under {@code root/dir}, relative to {@code root}; symbolic links are not followed. */
    private static List<String> filesUnder(Path root, String dir) throws IOException {
        Path base = root.resolve(dir);
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(dir);
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            Iterator<Path> it = walk.iterator();
            while (it.hasNext() && found.size() < MAX_FILES) {
                Path p = it.next();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        || SYSTEM_FILES.contains(p.getFileName().toString())) {
                    continue;
                }
                found.add(root.relativize(p).toString().replace('\\', '/'));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return found;
    }
}
