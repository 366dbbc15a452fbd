package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden submissions, graded together in class mode: the reference earns 100, the stubs 0 with every test
 * "not implemented yet", and a compile error, an endless loop or a refused {@code System.exit} costs only its own task.
 */
class GoldenTest {

    @TempDir
    static Path scratch;

    private static final Map<String, JsonNode> RESULTS = new HashMap<>();
    private static Kit.Run run;

    @BeforeAll
    static void gradeTheGoldenSubmissions() throws Exception {
        Path latin1 = Kit.referenceCopy(scratch.resolve("latin1-and-extra-package"));
        Path resources = latin1.resolve("src/main/java/concurrency/resource");
        Path file;
        try (var files = Files.list(resources)) {
            file = files.filter(p -> p.toString().endsWith(".java")).sorted().findFirst().orElseThrow();
        }
        Files.write(file, ("// Écrit sous Windows: caractères accentués.\n" + Files.readString(file))
                .getBytes(StandardCharsets.ISO_8859_1));
        Path extra = latin1.resolve("src/main/java/concurrency/util/Helper.java");
        Files.createDirectories(extra.getParent());
        Files.writeString(extra, "package concurrency.util;\n\npublic final class Helper {\n}\n");

        Path json = scratch.resolve("golden.json");
        run = Kit.grade(Kit.solutions().toString(), Kit.exercises().toString(),
                Kit.patched(scratch.resolve("compile-error"), "compile-error").toString(),
                Kit.patched(scratch.resolve("endless-loop"), "endless-loop").toString(),
                Kit.patched(scratch.resolve("system-exit"), "system-exit").toString(),
                latin1.toString(),
                "--json", json.toString(), "--test-timeout", "20", "--no-color");
        assertThat(run.status()).as("exit status; stderr: %s", run.err()).isZero();
        for (JsonNode s : new ObjectMapper().readTree(json.toFile()).get("submissions")) {
            RESULTS.put(s.get("submission").asText(), s);
        }
    }

    @Test
    @DisplayName("the reference solutions earn 100 of 100, every hidden test passes")
    void referenceEarnsFullMarks() {
        JsonNode reference = RESULTS.get("solutions");
        assertThat(notPassed(reference, null)).as("hidden tests that fail on the reference").isEmpty();
        assertThat(reference.get("score").asDouble()).isEqualTo(100.0);
        assertThat(reference.get("maxScore").asDouble()).isEqualTo(100.0);
    }

    @Test
    @DisplayName("the untouched stubs earn 0, every hidden test says 'not implemented yet'")
    void stubsEarnNothing() {
        JsonNode stubs = RESULTS.get("exercises");
        assertThat(stubs.get("score").asDouble()).isZero();
        List<String> others = new ArrayList<>();
        for (JsonNode task : stubs.get("tasks")) {
            assertThat(task.get("tests")).as("hidden tests of %s", task.get("id").asText()).isNotEmpty();
            for (JsonNode test : task.get("tests")) {
                if (!test.get("status").asText().equals("not-implemented")) {
                    others.add(task.get("id").asText() + ": " + test.get("name").asText() + " → "
                            + test.get("status").asText() + ": " + test.get("message").asText());
                }
            }
        }
        assertThat(others).as("hidden tests that do not report the stubs as not implemented").isEmpty();
    }

    @Test
    @DisplayName("a compile error in one task costs only that task; its tests are not-compiled with file, line, message")
    void compileErrorCostsOnlyItsTask() {
        JsonNode result = RESULTS.get("compile-error");
        JsonNode counter = task(result, "counter");
        assertThat(counter.get("score").asDouble()).isZero();
        assertThat(counter.get("tests")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("not-compiled"));
        JsonNode error = counter.get("compileErrors").get(0);
        assertThat(error.get("file").asText()).endsWith("concurrency/counter/LockedCounter.java");
        assertThat(error.get("line").asInt()).isPositive();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(counter.get("tests").get(0).get("message").asText()).contains("LockedCounter.java:");
        assertOtherTasksFull(result, "counter");
    }

    @Test
    @DisplayName("an endless loop that ignores interrupts times out only the tests that reach it; the rest is graded")
    void endlessLoopTimesOut() {
        JsonNode result = RESULTS.get("endless-loop");
        JsonNode choosing = task(result, "choosing");
        List<String> statuses = statuses(choosing);
        // A test that reaches the loop either gives up on its own (its time limit: failed) or is killed (timeout).
        assertThat(statuses).hasSameSizeAs(statuses(task(RESULTS.get("solutions"), "choosing")))
                .allMatch(s -> s.equals("passed") || s.equals("failed") || s.equals("timeout"))
                .anyMatch(s -> !s.equals("passed"));
        assertThat(choosing.get("score").asDouble()).isLessThan(choosing.get("maxScore").asDouble());
        assertOtherTasksFull(result, "choosing");
    }

    @Test
    @DisplayName("System.exit in one task is refused: the tests that reach it fail and say why; every other test is graded")
    void systemExitIsRefused() {
        JsonNode result = RESULTS.get("system-exit");
        JsonNode iteration = task(result, "iteration");
        boolean refused = false;
        for (JsonNode test : iteration.get("tests")) {
            String status = test.get("status").asText();
            assertThat(status).isIn("passed", "failed", "error");
            refused |= !status.equals("passed")
                    && test.get("message").asText().contains("does not let a submission end the JVM");
        }
        assertThat(refused).as("some iteration test reports that System.exit was refused; tests: %s",
                iteration.get("tests")).isTrue();
        assertThat(iteration.get("score").asDouble()).isLessThan(iteration.get("maxScore").asDouble());
        assertOtherTasksFull(result, "iteration");
    }

    @Test
    @DisplayName("a file in ISO-8859-1 and a class outside the task packages are graded and reported in the notes")
    void latin1AndExtraPackageAreReported() {
        JsonNode result = RESULTS.get("latin1-and-extra-package");
        String notes = result.get("notes").toString();
        assertThat(notes).contains("ISO-8859-1").contains("concurrency/util/Helper.java");
        assertThat(result.get("score").asDouble()).isEqualTo(RESULTS.get("solutions").get("score").asDouble());
    }

    @Test
    @DisplayName("class mode prints one line per submission and the class summary")
    void classModePrintsRowsAndSummary() {
        assertThat(run.out()).contains("solutions").contains("exercises").contains("Class summary")
                .contains("Score distribution").contains("Most-failed tests");
    }

    static JsonNode task(JsonNode submission, String id) {
        for (JsonNode t : submission.get("tasks")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no task " + id + " in " + submission.get("submission"));
    }

    static List<String> statuses(JsonNode task) {
        List<String> list = new ArrayList<>();
        task.get("tests").forEach(t -> list.add(t.get("status").asText()));
        return list;
    }

    /** Tests that did not pass, outside {@code exceptTask}, as "task: name → status: message". */
    static List<String> notPassed(JsonNode submission, String exceptTask) {
        List<String> list = new ArrayList<>();
        for (JsonNode task : submission.get("tasks")) {
            if (task.get("id").asText().equals(exceptTask)) {
                continue;
            }
            if (task.get("tests").isEmpty()) {
                list.add(task.get("id").asText() + ": no hidden tests");
            }
            for (JsonNode test : task.get("tests")) {
                if (!test.get("status").asText().equals("passed")) {
                    list.add(task.get("id").asText() + ": " + test.get("name").asText() + " → "
                            + test.get("status").asText() + ": " + test.get("message").asText());
                }
            }
        }
        return list;
    }

    static void assertOtherTasksFull(JsonNode submission, String exceptTask) {
        assertThat(notPassed(submission, exceptTask))
                .as("%s: every task but %s should earn full marks", submission.get("submission").asText(), exceptTask)
                .isEmpty();
    }
}
