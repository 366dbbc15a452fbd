package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: usage errors exit with 2 and one line on standard error, never a stack trace. */
class CliTest {

    @TempDir
    Path dir;

    private static Kit.Run usageError(String... args) {
        Kit.Run run = Kit.grade(args);
        assertThat(run.status()).as("exit status of %s; out: %s", String.join(" ", args), run.out()).isEqualTo(2);
        assertThat(run.err().strip().lines()).as("standard error of %s", String.join(" ", args)).hasSize(1);
        assertThat(run.err()).startsWith("grade: ").doesNotContain("Exception").doesNotContain("\tat ");
        return run;
    }

    @Test
    @DisplayName("no submission directory is a usage error")
    void noArguments() {
        assertThat(usageError().err()).contains("no submission directory");
    }

    @Test
    @DisplayName("a missing path is exit 2 with one line naming it")
    void missingPath() {
        assertThat(usageError(dir.resolve("nobody").toString()).err()).contains("nobody: no such directory");
    }

    @Test
    @DisplayName("a file instead of a directory is exit 2")
    void fileInsteadOfDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("Downloader.java"), "class Downloader {}");
        assertThat(usageError(file.toString()).err()).contains("not a directory");
    }

    @Test
    @DisplayName("a directory without sources is exit 2")
    void noSources() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(usageError(dir.resolve("empty").toString()).err()).contains("no src/main/java/concurrency/");
        Files.createDirectories(dir.resolve("hollow/src/main/java/concurrency/download"));
        Files.writeString(dir.resolve("hollow/src/main/java/Main.java"), "public class Main {}");
        assertThat(usageError(dir.resolve("hollow").toString()).err()).contains("no Java sources in the task packages");
    }

    @Test
    @DisplayName("a kit root holding both exercises/ and solutions/ asks which one to grade")
    void ambiguousKitRoot() {
        assertThat(usageError(Kit.root().toString()).err()).contains("holds both exercises/ and solutions/");
    }

    @Test
    @DisplayName("unknown options, bad numbers and unknown tasks are usage errors")
    void badOptions() {
        assertThat(usageError("solutions", "--frobnicate").err()).containsIgnoringCase("unknown option");
        assertThat(usageError(Kit.solutions().toString(), "--jobs", "0").err()).contains("--jobs must be");
        assertThat(usageError(Kit.solutions().toString(), "--jobs", "many").err()).contains("--jobs");
        assertThat(usageError(Kit.solutions().toString(), "--task", "downlaod").err())
                .contains("unknown task 'downlaod'; known tasks: download, counter");
        assertThat(usageError(Kit.solutions().toString(), "--quiet", "--verbose").err()).contains("cannot be used together");
        assertThat(usageError(Kit.solutions().toString(), Kit.exercises().toString(), "--gradescope", "r.json").err())
                .contains("one submission");
        assertThat(usageError(Kit.solutions().toString(), "--test-timeout", "-1").err()).contains("--test-timeout");
    }

    @Test
    @DisplayName("a bad config file is exit 2 with the file's name and the mistake")
    void badConfig() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{ \"tasks\": ");
        assertThat(usageError(Kit.solutions().toString(), "--config", broken.toString()).err())
                .contains("broken.json: not valid JSON");
        Path typo = Files.writeString(dir.resolve("grading.json"), "{\"tasks\": {\"downlaod\": {\"points\": 5}}}");
        assertThat(usageError(Kit.solutions().toString(), "--config", typo.toString()).err())
                .contains("grading.json: task 'downlaod' is not a task; known tasks: download, counter");
        Path negative = Files.writeString(dir.resolve("negative.json"), "{\"tasks\": {\"download\": {\"points\": -5}}}");
        assertThat(usageError(Kit.solutions().toString(), "--config", negative.toString()).err())
                .contains("negative.json: task 'download' points must be a number >= 0");
        StringBuilder off = new StringBuilder("{\"tasks\": {");
        kit.grader.model.Task.ALL.forEach(t -> off.append('"').append(t.id()).append("\": {\"enabled\": false},"));
        off.setLength(off.length() - 1);
        off.append("}}");
        Path none = Files.writeString(dir.resolve("none.json"), off);
        assertThat(usageError(Kit.solutions().toString(), "--config", none.toString()).err()).contains("no task is enabled");
        assertThat(usageError(Kit.solutions().toString(), "--config", dir.resolve("absent.json").toString()).err())
                .contains("absent.json: no such file");
    }

    @Test
    @DisplayName("--help shows the options and examples; --version the version; both exit 0")
    void helpAndVersion() {
        Kit.Run help = Kit.grade("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: grade").contains("--json").contains("--classroom").contains("--csv")
                .contains("--task").contains("Examples:").contains("./grade solutions");
        Kit.Run version = Kit.grade("--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("grade ");
    }

    @Test
    @DisplayName("in class mode an unreadable submission becomes a graded-0 row with the reason, and grading goes on")
    void classModeReportsBadInputAsARow() throws Exception {
        Path csv = dir.resolve("grades.csv");
        Kit.Run run = Kit.grade(dir.resolve("ghost").toString(), Kit.exercises().toString(), "--task", "iteration",
                "--csv", csv.toString(), "--no-color");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("ghost").contains("not graded: ").contains("no such directory");
        assertThat(Files.readString(csv)).contains("ghost,0,0,12,not graded: ");
    }
}
