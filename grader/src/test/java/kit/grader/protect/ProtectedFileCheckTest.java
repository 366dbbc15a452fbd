package kit.grader.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import kit.grader.model.SubmissionResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template's build file, public tests and workflows, as packaged with the grader, against a submission's: which
 * copies count as the template's, and what is reported as changed, added or deleted.
 */
class ProtectedFileCheckTest {

    @TempDir
    Path scratch;

    private final ProtectedFileCheck check = new ProtectedFileCheck(TemplateFiles.packaged());

    @Test
    @DisplayName("the packaged template holds exercises/pom.xml, every public test and both .github files")
    void packagedTemplate() throws IOException {
        assertThat(TemplateFiles.packaged().paths()).contains("pom.xml",
                "src/test/java/concurrency/download/DownloaderTest.java", ".github/workflows/classroom.yml",
                ".github/classroom/autograding.json");
        assertThat(TemplateFiles.packaged().paths()).hasSize(1 + count(kit().resolve("exercises/src/test"))
                + count(kit().resolve("exercises/.github")));
    }

    @Test
    @DisplayName("an untouched copy of the template, and one checked out with CRLF line endings, differ in nothing")
    void untouchedCopies() throws IOException {
        Path copy = templateCopy(scratch.resolve("lf"));
        assertThat(check.check(copy)).isEmpty();
        Path crlf = templateCopy(scratch.resolve("crlf"));
        for (String file : List.of("pom.xml", "src/test/java/concurrency/download/DownloaderTest.java",
                ".github/workflows/classroom.yml")) {
            Path p = crlf.resolve(file);
            Files.writeString(p, Files.readString(p).replace("\n", "\r\n"));
        }
        assertThat(check.check(crlf)).isEmpty();
    }

    @Test
    @DisplayName("the Classroom 50 flavour (no GitHub Classroom files, Classroom 50's own autograde.yaml added) differs in nothing; deleting only one GitHub Classroom file still counts")
    void classroom50Flavour() throws IOException {
        Path copy = templateCopy(scratch.resolve("c50"));
        Files.delete(copy.resolve(".github/workflows/classroom.yml"));
        Files.delete(copy.resolve(".github/classroom/autograding.json"));
        Files.writeString(copy.resolve(".github/workflows/autograde.yaml"), "on: push\n");
        assertThat(check.check(copy)).isEmpty();
        Path partial = templateCopy(scratch.resolve("partial"));
        Files.delete(partial.resolve(".github/workflows/classroom.yml"));
        assertThat(check.check(partial)).extracting(ProtectedChange::path)
                .containsExactly(".github/workflows/classroom.yml");
    }

    @Test
    @DisplayName("a changed test and pom.xml, an added test and a deleted workflow file are each reported, sorted by path")
    void changesAreReported() throws IOException {
        Path copy = templateCopy(scratch.resolve("s"));
        Path test = copy.resolve("src/test/java/concurrency/counter/LockedCounterTest.java");
        Files.writeString(test, Files.readString(test).replace("assertEquals(", "assertNotEquals("));
        Files.writeString(copy.resolve("pom.xml"), Files.readString(copy.resolve("pom.xml")) + "<!-- mine -->\n");
        Files.writeString(copy.resolve("src/test/java/concurrency/counter/MyTest.java"), "class MyTest {}\n");
        Files.writeString(copy.resolve("src/test/.DS_Store"), "finder");
        Files.delete(copy.resolve(".github/workflows/classroom.yml"));
        assertThat(check.check(copy)).extracting(ProtectedChange::describe).containsExactly(
                ".github/workflows/classroom.yml (deleted)", "pom.xml (changed)",
                "src/test/java/concurrency/counter/LockedCounterTest.java (changed)",
                "src/test/java/concurrency/counter/MyTest.java (added)");
    }

    @Test
    @DisplayName("a repository without src/test (but with pom.xml) has every public test deleted; one without pom.xml has it deleted")
    void deletionsCount() throws IOException {
        Path copy = templateCopy(scratch.resolve("s"));
        delete(copy.resolve("src/test"));
        assertThat(check.check(copy)).extracting(ProtectedChange::kind).hasSize(count(kit().resolve("exercises/src/test")))
                .containsOnly(ProtectedChange.Kind.DELETED);
        Path noPom = templateCopy(scratch.resolve("t"));
        Files.delete(noPom.resolve("pom.xml"));
        assertThat(check.check(noPom)).extracting(ProtectedChange::describe).containsExactly("pom.xml (deleted)");
    }

    @Test
    @DisplayName("bare task sources, and the kit's own solutions/ (its pom.xml, no tests, no workflows), are not template copies")
    void notTemplateCopies() throws IOException {
        Path bare = scratch.resolve("bare");
        Files.createDirectories(bare.resolve("src/main/java/concurrency/download"));
        assertThat(check.check(bare)).isEmpty();
        assertThat(check.check(kit().resolve("solutions"))).isEmpty();
        Path reference = scratch.resolve("reference");
        Files.createDirectories(reference);
        Files.copy(kit().resolve("solutions/pom.xml"), reference.resolve("pom.xml"));
        Files.createDirectories(reference.resolve("src/test/java"));
        Files.writeString(reference.resolve("src/test/java/MyTest.java"), "class MyTest {}\n");
        assertThat(check.check(reference)).as("the reference pom.xml next to tests is a changed template copy")
                .extracting(ProtectedChange::describe).contains("pom.xml (changed)", "src/test/java/MyTest.java (added)");
        Path ownPom = scratch.resolve("own-pom");
        Files.createDirectories(ownPom);
        Files.writeString(ownPom.resolve("pom.xml"), "<project/>\n");
        assertThat(check.check(ownPom)).as("a pom.xml of its own is a template copy with a changed build file")
                .extracting(ProtectedChange::describe).contains("pom.xml (changed)",
                        "src/test/java/concurrency/download/DownloaderTest.java (deleted)");
    }

    @Test
    @DisplayName("the kit's alternative Classroom workflows (docs/classroom) are accepted in place of the template's")
    void alternativeWorkflows() throws IOException {
        Path copy = templateCopy(scratch.resolve("s"));
        Files.copy(kit().resolve("docs/classroom/classroom-per-task.yml"), copy.resolve(".github/workflows/classroom.yml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(check.check(copy)).isEmpty();
    }

    @Test
    @DisplayName("the note names the files and its count reads back from a result; no note, count 0")
    void noteRoundTrip() {
        String note = ProtectedFilesNote.of(List.of(new ProtectedChange("pom.xml", ProtectedChange.Kind.CHANGED),
                new ProtectedChange("src/test/java/X.java", ProtectedChange.Kind.ADDED)));
        assertThat(note).startsWith("2 protected files of the template differ from it").contains(
                "pom.xml (changed), src/test/java/X.java (added)");
        assertThat(ProtectedFilesNote.count(result(List.of("Left out 1 file ...", note)))).isEqualTo(2);
        String one = ProtectedFilesNote.of(List.of(new ProtectedChange("pom.xml", ProtectedChange.Kind.DELETED)));
        assertThat(ProtectedFilesNote.count(result(List.of(one)))).isEqualTo(1);
        assertThat(ProtectedFilesNote.count(result(List.of("Left out 1 file ...")))).isZero();
    }

    private static SubmissionResult result(List<String> notes) {
        return new SubmissionResult("s", "s", 0, 100, List.of(), notes, "", 0);
    }

    private static Path kit() {
        Path dir = Paths.get("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("exercises")) || !Files.isDirectory(dir.resolve("solutions"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** A copy of the template's protected files and stubs, as a student's repository has them. */
    private static Path templateCopy(Path dir) throws IOException {
        Path exercises = kit().resolve("exercises");
        for (String part : List.of("pom.xml", "src/test", "src/main", ".github")) {
            copy(exercises.resolve(part), dir.resolve(part));
        }
        return dir;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, Files.readAllBytes(p));
                }
            }
        }
    }

    private static int count(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return (int) walk.filter(Files::isRegularFile).count();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
