package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import kit.grader.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every wrong or alternative fixture of {@code src/test/fixtures/}, laid over a copy of the reference and graded
 * in class mode: a wrong one loses points on its own task (its must-fail tests do not pass), a correct alternative
 * earns full marks. A fixture is a replacement package ({@code src/main/java/...}) or, smaller, a list of text
 * replacements in one file of the reference ({@code file}, {@code find.N}, {@code replace.N}; see {@link Kit#replaced}).
 * Then one fixture per task is graded with every task, in class mode and one at a time: its
 * damage stays in its own task (every other task keeps full marks) and both ways give exactly the same verdicts.
 *
 * <p>Grading every fixture with all nine tasks takes many minutes on two cores, so by default each fixture is
 * graded with its own task only; {@code -Dkit.grader.fixtures.allTasks=true} grades every fixture with every task
 * (and checks every other task keeps full marks for each of them).
 */
class FixturesTest {

    @TempDir
    static Path scratch;

    private static final Map<String, Properties> FIXTURES = new TreeMap<>();
    private static final Map<String, Path> SUBMISSIONS = new LinkedHashMap<>();
    private static final Map<String, JsonNode> CLASS_RESULTS = new LinkedHashMap<>();

    @BeforeAll
    static void gradeEveryFixtureInClassMode() throws Exception {
        Path fixtures = Kit.root().resolve("grader/src/test/fixtures");
        List<Path> dirs;
        try (Stream<Path> list = Files.list(fixtures)) {
            dirs = list.filter(d -> Files.isRegularFile(d.resolve("fixture.properties"))).sorted().toList();
        }
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            Properties p = Kit.properties(dir.resolve("fixture.properties"));
            FIXTURES.put(name, p);
            String pkgDir = Task.byId(p.getProperty("task", "")).map(Task::directory).orElseThrow(() ->
                    new AssertionError(name + ": fixture.properties names no known task: " + p.getProperty("task")));
            SUBMISSIONS.put(name, p.containsKey("file")
                    ? Kit.replaced(scratch.resolve(name), name, p)
                    : Kit.overlay(scratch.resolve(name), pkgDir, dir.resolve("src/main/java").resolve(pkgDir)));
        }
        if (ALL_TASKS) {
            gradeInClassMode(new ArrayList<>(SUBMISSIONS.keySet()), List.of(), "all");
        } else {
            // Grouped by task, each group graded with its task only: a test JVM per submission, four at once.
            Map<String, List<String>> byTask = new TreeMap<>();
            FIXTURES.forEach((name, p) -> byTask.computeIfAbsent(p.getProperty("task"), t -> new ArrayList<>()).add(name));
            for (Map.Entry<String, List<String>> group : byTask.entrySet()) {
                gradeInClassMode(group.getValue(), List.of("--task", group.getKey(), "--jobs", "4"), group.getKey());
            }
        }
        for (String name : sample()) {
            SAMPLE_RESULTS.put(name, null);
        }
        gradeInClassMode(new ArrayList<>(SAMPLE_RESULTS.keySet()), List.of(), "sample");
    }

    /** Generous: the grader's kill is a backstop; on a loaded machine a slow but correct test must not hit it. */
    private static final String TEST_TIMEOUT = "30";
    private static final boolean ALL_TASKS = Boolean.getBoolean("kit.grader.fixtures.allTasks");
    private static final Map<String, JsonNode> SAMPLE_RESULTS = new LinkedHashMap<>();

    private static void gradeInClassMode(List<String> names, List<String> options, String label) throws IOException {
        List<String> args = new ArrayList<>();
        names.forEach(n -> args.add(SUBMISSIONS.get(n).toString()));
        Path json = scratch.resolve("class-" + label + ".json");
        args.addAll(List.of("--json", json.toString(), "--no-color", "--quiet", "--test-timeout", TEST_TIMEOUT));
        args.addAll(options);
        Kit.Run run = Kit.grade(args.toArray(String[]::new));
        assertThat(run.status()).as("class-mode exit status; stderr: %s", run.err()).isZero();
        for (JsonNode s : new ObjectMapper().readTree(json.toFile()).get("submissions")) {
            String name = s.get("submission").asText();
            if (label.equals("sample")) {
                SAMPLE_RESULTS.put(name, s);
            } else {
                CLASS_RESULTS.put(name, s);
            }
        }
    }

    /** The first fixture of each task. */
    private static List<String> sample() {
        Map<String, String> sample = new LinkedHashMap<>();
        for (Map.Entry<String, Properties> e : FIXTURES.entrySet()) {
            sample.putIfAbsent(e.getValue().getProperty("task"), e.getKey());
        }
        return new ArrayList<>(sample.values());
    }

    @TestFactory
    @DisplayName("each fixture loses points on its own task only (or earns full marks when it is a correct alternative)")
    Stream<DynamicTest> eachFixtureIsGradedAsItsPropertiesSay() {
        return FIXTURES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + ": "
                + e.getValue().getProperty("description", ""), () -> check(e.getKey(), e.getValue())));
    }

    private static void check(String name, Properties p) {
        JsonNode result = CLASS_RESULTS.get(name);
        assertThat(result).as("class-mode result of %s", name).isNotNull();
        assertThat(result.has("error")).as("%s could not be graded: %s", name, result.path("error").asText()).isFalse();
        String task = p.getProperty("task");
        JsonNode own = GoldenTest.task(result, task);
        String verdict = p.getProperty("verdict", "");
        if (verdict.equals("full-marks")) {
            assertThat(GoldenTest.notPassed(result, null)).as("%s is a correct alternative: every test should pass",
                    name).isEmpty();
            return;
        }
        assertThat(verdict).as("%s: verdict", name).isEqualTo("loses-points");
        assertThat(own.get("score").asDouble()).as("%s: %s should lose points; its tests: %s", name, task,
                own.get("tests")).isLessThan(own.get("maxScore").asDouble());
        List<String> mustFail = Arrays.stream(p.getProperty("must-fail", "").split("\\|"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        Map<String, String> statusByName = new LinkedHashMap<>();
        own.get("tests").forEach(t -> statusByName.put(t.get("name").asText(), t.get("status").asText()));
        for (String test : mustFail) {
            assertThat(statusByName).as("%s: must-fail names a hidden test of %s that does not exist", name, task)
                    .containsKey(test);
            assertThat(statusByName.get(test)).as("%s: '%s' must not pass", name, test).isNotEqualTo("passed");
        }
        if (p.containsKey("all-at-once")) {
            assertEveryProblemShownAtOnce(name, p, own);
        }
        if (ALL_TASKS) {
            GoldenTest.assertOtherTasksFull(result, task);
        }
    }

    /**
     * {@code all-at-once} names a test with several problems; its message must show every one of them in one report
     * (each text of {@code all-at-once.shows}, separated by {@code |}), so that a student fixes them in one push.
     */
    private static void assertEveryProblemShownAtOnce(String name, Properties p, JsonNode own) {
        String test = p.getProperty("all-at-once");
        JsonNode found = null;
        for (JsonNode t : own.get("tests")) {
            if (t.get("name").asText().equals(test)) {
                found = t;
            }
        }
        assertThat(found).as("%s: all-at-once names a hidden test that does not exist: %s", name, test).isNotNull();
        String message = found.get("message").asText();
        for (String problem : p.getProperty("all-at-once.shows", "").split("\\|")) {
            assertThat(message).as("%s: the report of '%s' should show every problem at once", name, test)
                    .contains(problem.strip());
        }
    }

    @TestFactory
    @DisplayName("graded with every task, a fixture costs points on its own task only: every other task keeps full marks")
    Stream<DynamicTest> damageStaysInItsTask() {
        return SAMPLE_RESULTS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Properties p = FIXTURES.get(e.getKey());
            GoldenTest.assertOtherTasksFull(e.getValue(), p.getProperty("task"));
            if (p.getProperty("verdict", "").equals("loses-points")) {
                JsonNode own = GoldenTest.task(e.getValue(), p.getProperty("task"));
                assertThat(own.get("score").asDouble()).isLessThan(own.get("maxScore").asDouble());
            }
        }));
    }

    @Test
    @DisplayName("grading one at a time gives exactly the verdicts of class mode (one fixture per task, all tasks)")
    void oneAtATimeEqualsClassMode() throws IOException {
        List<String> differences = new ArrayList<>();
        for (String name : SAMPLE_RESULTS.keySet()) {
            Path json = scratch.resolve("single-" + name + ".json");
            Kit.Run run = Kit.grade(SUBMISSIONS.get(name).toString(), "--json", json.toString(), "--quiet", "--no-color",
                    "--test-timeout", TEST_TIMEOUT);
            assertThat(run.status()).as("%s graded alone; stderr: %s", name, run.err()).isZero();
            Map<String, String> alone = verdicts(new ObjectMapper().readTree(json.toFile()));
            Map<String, String> together = verdicts(SAMPLE_RESULTS.get(name));
            if (!alone.equals(together)) {
                for (String test : alone.keySet()) {
                    if (!alone.get(test).equals(together.get(test))) {
                        differences.add(name + " / " + test + ": alone " + alone.get(test) + ", class mode "
                                + together.get(test));
                    }
                }
            }
        }
        assertThat(differences).as("verdicts that differ between one-at-a-time and class-mode grading").isEmpty();
    }

    /** Per test ("task: name"), its status. */
    static Map<String, String> verdicts(JsonNode submission) {
        Map<String, String> map = new TreeMap<>();
        for (JsonNode task : submission.get("tasks")) {
            for (JsonNode test : task.get("tests")) {
                map.put(task.get("id").asText() + ": " + test.get("name").asText(), test.get("status").asText());
            }
        }
        return map;
    }
}
