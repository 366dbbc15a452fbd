package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every output format, parsed back: one submission whose {@code resource} task is the untouched stub and whose
 * {@code iteration} task is the reference, graded once with every report; then a class of two with CSV and
 * feedback files.
 */
class ReportFormatsTest {

    @TempDir
    static Path scratch;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Kit.Run single;
    private static Kit.Run classRun;
    private static JsonNode report;
    private static Path out;
    private static Path mixed;

    @BeforeAll
    static void gradeWithEveryReport() throws Exception {
        mixed = Kit.overlay(scratch.resolve("mixed"), "concurrency/resource",
                Kit.exercises().resolve("src/main/java/concurrency/resource"));
        out = Files.createDirectories(scratch.resolve("out"));
        Path githubOutput = Files.writeString(out.resolve("github-output"), "earlier=1\n");
        single = Kit.grade(Map.of("GITHUB_OUTPUT", githubOutput.toString()), mixed.toString(),
                "--task", "resource,iteration", "--json", out.resolve("report.json").toString(),
                "--markdown", out.resolve("feedback.md").toString(),
                "--gradescope", out.resolve("results.json").toString(),
                "--junit-xml", out.resolve("junit").toString(), "--classroom", "--no-color");
        assertThat(single.status()).as(single.err()).isZero();
        report = JSON.readTree(out.resolve("report.json").toFile());
        classRun = Kit.grade(mixed.toString(), Kit.exercises().toString(), "--task", "resource",
                "--csv", out.resolve("grades.csv").toString(), "--feedback", out.resolve("feedback").toString(),
                "--json", out.resolve("class.json").toString(), "--markdown", out.resolve("summary.md").toString(),
                "--no-color");
        assertThat(classRun.status()).as(classRun.err()).isZero();
    }

    @Test
    @DisplayName("the JSON report has the contract's fields, and its points add up")
    void jsonHasTheContractShape() {
        assertThat(report.get("submission").asText()).isEqualTo("mixed");
        assertThat(report.get("maxScore").asDouble()).isEqualTo(24.0);
        double total = 0;
        Set<String> statuses = Set.of("passed", "failed", "error", "timeout", "not-implemented", "not-compiled");
        List<String> ids = new ArrayList<>();
        for (JsonNode task : report.get("tasks")) {
            ids.add(task.get("id").asText());
            double sum = 0;
            double max = 0;
            for (JsonNode test : task.get("tests")) {
                for (String field : List.of("name", "kind", "status", "points", "maxPoints", "message")) {
                    assertThat(test.has(field)).as("test field %s in %s", field, test).isTrue();
                }
                assertThat(test.get("kind").asText()).isIn("correctness", "timing", "api");
                assertThat(test.get("status").asText()).isIn(statuses);
                sum += test.get("points").asDouble();
                max += test.get("maxPoints").asDouble();
            }
            assertThat(task.get("score").asDouble()).isCloseTo(sum, within(0.02));
            assertThat(task.get("maxScore").asDouble()).isCloseTo(max, within(0.02));
            total += task.get("score").asDouble();
        }
        assertThat(ids).containsExactly("resource", "iteration");
        assertThat(report.get("score").asDouble()).isCloseTo(total, within(0.02));
        JsonNode resource = GoldenTest.task(report, "resource");
        assertThat(resource.get("score").asDouble()).isZero();
        assertThat(resource.get("tests")).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("not-implemented"));
    }

    @Test
    @DisplayName("the terminal report marks tasks and tests with ✓/✗ and prints the total; --quiet prints only it")
    void terminalReport() {
        assertThat(single.out()).contains("✗ resource").contains("✓ iteration").contains("not implemented yet")
                .contains("Total: " + kit.grader.report.Numbers.points(report.get("score").asDouble()) + " / 24 points")
                .doesNotContain("\u001b[");
        Kit.Run quiet = Kit.grade(mixed.toString(), "--task", "resource", "--quiet");
        assertThat(quiet.status()).isZero();
        assertThat(quiet.out().strip()).isEqualTo("0/12");
    }

    @Test
    @DisplayName("Gradescope's results.json has score and per-test name, score, max_score, status, output, visibility")
    void gradescope() throws Exception {
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(results.get("score").asDouble()).isCloseTo(report.get("score").asDouble(), within(0.01));
        double sum = 0;
        int count = 0;
        for (JsonNode test : results.get("tests")) {
            for (String field : List.of("name", "score", "max_score", "status", "output", "visibility")) {
                assertThat(test.has(field)).as("field %s in %s", field, test).isTrue();
            }
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            sum += test.get("score").asDouble();
            count++;
        }
        assertThat(sum).isCloseTo(results.get("score").asDouble(), within(0.05));
        assertThat(count).isEqualTo(report.get("tasks").get(0).get("tests").size() + report.get("tasks").get(1).get("tests").size());
    }

    @Test
    @DisplayName("JUnit XML: one file per task that an XML parser reads, a testcase per test, counts that agree")
    void junitXml() throws Exception {
        for (JsonNode task : report.get("tasks")) {
            Path file = out.resolve("junit").resolve("TEST-" + task.get("id").asText() + ".xml");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            Element suite = doc.getDocumentElement();
            assertThat(suite.getTagName()).isEqualTo("testsuite");
            NodeList cases = suite.getElementsByTagName("testcase");
            assertThat(cases.getLength()).isEqualTo(task.get("tests").size())
                    .isEqualTo(Integer.parseInt(suite.getAttribute("tests")));
            int failing = suite.getElementsByTagName("failure").getLength() + suite.getElementsByTagName("error").getLength();
            long notPassed = 0;
            for (JsonNode t : task.get("tests")) {
                notPassed += t.get("status").asText().equals("passed") ? 0 : 1;
            }
            assertThat(failing).isEqualTo((int) notPassed)
                    .isEqualTo(Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors")));
        }
    }

    @Test
    @DisplayName("--classroom appends result=<base64> to $GITHUB_OUTPUT: version, status, max_score and every test")
    void classroom() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("github-output"));
        assertThat(lines.get(0)).isEqualTo("earlier=1");
        String line = lines.stream().filter(l -> l.startsWith("result=")).findFirst().orElseThrow();
        JsonNode doc = JSON.readTree(Base64.getDecoder().decode(line.substring("result=".length())));
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        assertThat(doc.get("status").asText()).isEqualTo("fail");
        assertThat(doc.get("max_score").asDouble()).isEqualTo(24.0);
        double sum = 0;
        for (JsonNode test : doc.get("tests")) {
            for (String field : List.of("name", "status", "score", "message", "test_code", "filename", "line_no", "duration")) {
                assertThat(test.has(field)).as("field %s in %s", field, test).isTrue();
            }
            sum += test.get("score").asDouble();
        }
        assertThat(sum).isCloseTo(report.get("score").asDouble(), within(0.05));
        Kit.Run toStdout = Kit.grade(Map.of(), mixed.toString(), "--task", "resource", "--classroom", "--quiet");
        assertThat(toStdout.out()).contains("result=");
    }

    @Test
    @DisplayName("Markdown feedback: a table of tasks and the failing tests with their messages")
    void markdown() throws Exception {
        String md = Files.readString(out.resolve("feedback.md"));
        assertThat(md).startsWith("## Concurrency exercises — mixed:").contains("| | Task | Points | Tests passed |")
                .contains("❌").contains("not implemented yet").contains("<details>");
    }

    @Test
    @DisplayName("class mode: a CSV that a CSV parser reads (a row per submission, a column per task, the total), "
            + "one feedback file per student, JSON and Markdown summaries")
    void classOutputs() throws Exception {
        try (Reader reader = Files.newBufferedReader(out.resolve("grades.csv"), StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            assertThat(csv.getHeaderNames()).containsExactly("submission", "resource", "total", "max", "note",
                    "protected_files_changed", "isolation");
            Map<String, CSVRecord> rows = new HashMap<>();
            for (CSVRecord r : csv) {
                rows.put(r.get("submission"), r);
            }
            assertThat(rows).containsOnlyKeys("mixed", "exercises");
            for (CSVRecord r : rows.values()) {
                assertThat(Double.parseDouble(r.get("total"))).isEqualTo(Double.parseDouble(r.get("resource")));
                assertThat(r.get("max")).isEqualTo("12");
            }
        }
        assertThat(Files.readString(out.resolve("grades.csv"))).contains("\r\n");
        assertThat(out.resolve("feedback/mixed.md")).exists();
        assertThat(out.resolve("feedback/exercises.md")).exists();
        JsonNode classJson = JSON.readTree(out.resolve("class.json").toFile());
        assertThat(classJson.get("submissions")).hasSize(2);
        assertThat(classJson.get("summary").get("submissions").asInt()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("summary.md"))).contains("## Class summary").contains("| Task | Test | Passed | Rate |");
        assertThat(classRun.out()).contains("Class summary").contains("Full marks per task");
    }

    @Test
    @DisplayName("the JSON reports read back into the same results: one submission, and every submission of a class")
    void jsonReadsBack() throws Exception {
        kit.grader.report.JsonReportReader reader = new kit.grader.report.JsonReportReader();
        kit.grader.report.JsonReport writer = new kit.grader.report.JsonReport(false);
        List<kit.grader.model.SubmissionResult> one = reader.read(out.resolve("report.json"));
        assertThat(one).hasSize(1);
        assertThat(reparsed(writer.node(one.get(0)))).isEqualTo(report);
        JsonNode classReport = JSON.readTree(out.resolve("class.json").toFile());
        List<kit.grader.model.SubmissionResult> all = reader.read(out.resolve("class.json"));
        assertThat(all).extracting(kit.grader.model.SubmissionResult::name).containsExactly("mixed", "exercises");
        for (int i = 0; i < all.size(); i++) {
            assertThat(reparsed(writer.node(all.get(i)))).isEqualTo(classReport.get("submissions").get(i));
        }
        Path broken = Files.writeString(out.resolve("not-a-report.json"), "{\"scores\": []}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(broken))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("not a grader JSON report");
    }

    /** The node as a reader of the file sees it (numbers typed as parsed, not as written). */
    private static JsonNode reparsed(JsonNode node) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(node));
    }
}
