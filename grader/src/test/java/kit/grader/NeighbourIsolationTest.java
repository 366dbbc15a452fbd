package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import kit.grader.isolation.IsolationMode;
import kit.grader.isolation.Sandbox;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class mode: a submission graded beside another one cannot find it, signal it, attach to it, read its files or
 * change its verdicts. The other one (a copy of the reference) is graded alone first, then beside the attacker
 * ({@code src/test/neighbour/}, built like an attack fixture), with two jobs so that both run at once; every task's
 * score and every test's status of the other one must be the same both times.
 *
 * <p>Finding the other submission's processes is something only the operating-system sandbox stops (the guard
 * lets a submission list processes), so without bubblewrap this test is skipped, and under {@code CI=true} it fails.
 */
class NeighbourIsolationTest {

    @TempDir
    static Path scratch;

    private static Map<String, String> alone;
    private static Map<String, String> beside;
    private static JsonNode attacker;

    @BeforeAll
    static void gradeAloneThenBeside() throws Exception {
        Sandbox sandbox = Sandbox.detect(IsolationMode.AUTO);
        if (!sandbox.isolated()) {
            assertThat(System.getenv("CI")).as("CI=true but no sandbox: %s (.ci/run installs bubblewrap)",
                    sandbox.warning()).isNotEqualTo("true");
            Assumptions.abort("no operating-system sandbox here: " + sandbox.warning());
        }
        Path victim = Kit.referenceCopy(scratch.resolve("neighbour-victim"));
        Path fixture = Kit.root().resolve("grader/src/test/neighbour");
        Properties p = Kit.properties(fixture.resolve("attack.properties"));
        Path attack = AttacksTest.build("neighbour", p, fixture, scratch.resolve("neighbour-attacker"));

        Path aloneJson = scratch.resolve("alone.json");
        Kit.Run first = Kit.grade(victim.toString(), "--json", aloneJson.toString(), "--no-color");
        assertThat(first.status()).as("grading the victim alone; stderr: %s", first.err()).isZero();
        alone = verdicts(new ObjectMapper().readTree(aloneJson.toFile()));

        Path besideJson = scratch.resolve("beside.json");
        Kit.Run second = Kit.grade(attack.toString(), victim.toString(), "--jobs", "2", "--verbose", "--no-color",
                "--json", besideJson.toString());
        assertThat(second.status()).as("grading both; stderr: %s", second.err()).isZero();
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (JsonNode s : new ObjectMapper().readTree(besideJson.toFile()).get("submissions")) {
            results.put(s.get("submission").asText(), s);
        }
        beside = verdicts(results.get("neighbour-victim"));
        attacker = results.get("neighbour-attacker");
    }

    @Test
    @DisplayName("the attacker's attempts on its neighbour ran, and none got through (find, /proc, signal, attach, scratch, sources)")
    void nothingGotThrough() {
        String output = output(attacker);
        assertThat(output).as("the attacker's output (its attempts ran: it is printed by the counter's tests)")
                .contains("blocked: find the other submission's processes with ProcessHandle.allProcesses")
                .contains("blocked: list the processes' command lines in /proc")
                .contains("blocked: read the other submission's sources");
        assertThat(output.lines().filter(l -> l.startsWith("ATTACK SUCCEEDED")).toList())
                .as("attempts on the neighbour that got through (the sandbox's PID namespace and file system should"
                        + " hide every other submission)").isEmpty();
    }

    @Test
    @DisplayName("the neighbour's verdicts beside the attacker are those it gets alone, test for test")
    void victimVerdictsUnchanged() {
        assertThat(beside).as("the reference's task scores and test statuses graded beside the attacker, against"
                + " graded alone (a difference means the attacker reached it, or slowed it past a timing margin)")
                .isEqualTo(alone);
        assertThat(alone.values()).as("the reference alone passes everything").allSatisfy(v -> assertThat(v)
                .doesNotContain("status=failed").doesNotContain("status=error").doesNotContain("status=timeout"));
    }

    /** Task id and test name → "score=… status=…". */
    private static Map<String, String> verdicts(JsonNode submission) {
        Map<String, String> verdicts = new TreeMap<>();
        for (JsonNode task : submission.get("tasks")) {
            verdicts.put(task.get("id").asText(), "score=" + task.get("score").asText());
            for (JsonNode test : task.get("tests")) {
                verdicts.put(task.get("id").asText() + ": " + test.get("name").asText(),
                        "status=" + test.get("status").asText());
            }
        }
        return verdicts;
    }

    private static String output(JsonNode submission) {
        List<String> lines = new ArrayList<>();
        for (JsonNode task : submission.get("tasks")) {
            for (JsonNode test : task.get("tests")) {
                JsonNode out = test.get("output");
                if (out != null) {
                    lines.add(out.asText());
                }
            }
        }
        return String.join("\n", lines);
    }
}
