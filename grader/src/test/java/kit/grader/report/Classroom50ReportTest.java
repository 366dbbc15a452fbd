package kit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Classroom50ReportTest {

    private static final Map<String, String> RUN = Map.of("CLASSROOM", "cs101", "ASSIGNMENT", "kit",
            "SUBMISSION_TAG", "submit/20261201T120000Z-abc1234", "COMMIT_URL", "https://github.com/o/r/commit/abc",
            "RELEASE_URL", "https://github.com/o/r/releases/tag/x", "REVIEW_URL", "https://github.com/o/r/compare/a...b",
            "OWNER", "alice", "ASSIGNMENT_TYPE", "individual");

    private static TestResult test(String name, boolean passed, double points, double max) {
        return new TestResult(name, "correctness", passed ? Status.PASSED : Status.FAILED, points, max,
                passed ? "" : "expected 400, got 399", 5, "");
    }

    private static SubmissionResult result(List<TaskResult> tasks, String error) {
        double score = tasks.stream().mapToDouble(TaskResult::score).sum();
        double max = tasks.stream().mapToDouble(TaskResult::maxScore).sum();
        return new SubmissionResult("s", "s", score, max, tasks, List.of(), error, 1);
    }

    private static TaskResult task(String id, double score, double max, TestResult... tests) {
        return new TaskResult(id, score, max, List.of(tests), List.of(), List.of());
    }

    private static ObjectNode document(SubmissionResult r) {
        return new Classroom50Report(RUN, Instant.parse("2026-12-01T12:00:00.123Z")).document(r);
    }

    @Test
    @DisplayName("result.json has exactly the schema's top-level fields, the run's identity from the environment, and integer points")
    void schemaFields() {
        ObjectNode doc = document(result(List.of(task("download", 10, 10, test("a", true, 10, 10)),
                task("counter", 4, 10, test("b", true, 4, 4), test("c", false, 0, 6))), ""));
        Set<String> fields = new java.util.TreeSet<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("schema", "classroom", "assignment", "assignment_type", "owner",
                "submission", "commit", "release", "review", "datetime", "score", "max-score", "tests");
        assertThat(doc.get("schema").asText()).isEqualTo("classroom50/result/v1");
        assertThat(doc.get("classroom").asText()).isEqualTo("cs101");
        assertThat(doc.get("owner").asText()).isEqualTo("alice");
        assertThat(doc.get("submission").asText()).isEqualTo("submit/20261201T120000Z-abc1234");
        assertThat(doc.get("datetime").asText()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(doc.get("score").isIntegralNumber()).isTrue();
        assertThat(doc.get("score").asLong()).isEqualTo(14);
        assertThat(doc.get("max-score").asLong()).isEqualTo(20);
        JsonNode counter = doc.get("tests").get(1);
        assertThat(counter.get("test-name").asText()).isEqualTo("counter");
        assertThat(counter.get("passed").asBoolean()).isFalse();
        assertThat(counter.get("score").isIntegralNumber()).isTrue();
        assertThat(counter.get("score").asLong()).isEqualTo(4);
        assertThat(counter.get("max-score").asLong()).isEqualTo(10);
        assertThat(doc.get("tests").get(0).get("passed").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("fractional points round down, never up; the exact points stay in extra fields and the release body explains it")
    void rounding() {
        SubmissionResult r = result(List.of(task("counter", 5.5, 10, test("a", false, 5.5, 10)),
                task("primes", 9.99, 10, test("b", false, 9.99, 10)), task("gather", 2.5, 2.5, test("c", true, 2.5, 2.5))), "");
        ObjectNode doc = document(r);
        assertThat(r.score()).isCloseTo(17.99, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(doc.get("score").asLong()).isEqualTo(17);
        assertThat(doc.get("max-score").asLong()).isEqualTo(23);
        assertThat(doc.get("tests").get(0).get("score").asLong()).isEqualTo(5);
        assertThat(doc.get("tests").get(1).get("score").asLong()).isEqualTo(9);
        JsonNode gather = doc.get("tests").get(2);
        assertThat(gather.get("max-score").asLong()).isEqualTo(3);
        assertThat(gather.get("score").asLong()).isEqualTo(2);
        assertThat(gather.get("exact-score").asDouble()).isEqualTo(2.5);
        assertThat(doc.get("tests").get(0).get("exact-score").asDouble()).isEqualTo(5.5);
        String body = new Classroom50Report(RUN, Instant.EPOCH).releaseBody(r);
        assertThat(body).contains("Exact score: **17.99 / 22.5**").contains("rounded down");
    }

    @Test
    @DisplayName("whole exact totals are written unchanged, even when the tasks' own points are fractional")
    void wholeTotalsStayExact() {
        SubmissionResult r = result(List.of(task("counter", 2.5, 5, test("a", false, 2.5, 5)),
                task("primes", 2.5, 5, test("b", false, 2.5, 5))), "");
        ObjectNode doc = document(r);
        assertThat(doc.get("score").asLong()).isEqualTo(5);
        assertThat(doc.get("max-score").asLong()).isEqualTo(10);
        assertThat(Classroom50Report.wholeScore(99.999)).isEqualTo(99);
        assertThat(Classroom50Report.wholeScore(100)).isEqualTo(100);
    }

    @Test
    @DisplayName("a submission that could not be graded gets every task at 0 with the reason, in result.json and the release body")
    void notGraded() {
        SubmissionResult r = result(List.of(task("download", 0, 10), task("counter", 0, 10)), "no Java sources");
        ObjectNode doc = document(r);
        assertThat(doc.get("score").asLong()).isZero();
        assertThat(doc.get("max-score").asLong()).isEqualTo(20);
        for (JsonNode row : doc.get("tests")) {
            assertThat(row.get("score").asLong()).isZero();
            assertThat(row.get("passed").asBoolean()).isFalse();
            assertThat(row.get("message").asText()).contains("no Java sources");
        }
        assertThat(new Classroom50Report(RUN, Instant.EPOCH).releaseBody(r)).contains("**Not graded:** no Java sources");
    }

    @Test
    @DisplayName("the release body lists every test, and stays within GitHub's 125,000 characters, cut at a whole test")
    void releaseBodyLimit() {
        List<TestResult> small = List.of(test("first test", true, 1, 1), test("second test", false, 0, 1));
        String body = new Classroom50Report(RUN, Instant.EPOCH).releaseBody(result(List.of(task("counter", 1, 2,
                small.toArray(TestResult[]::new))), ""));
        assertThat(body).contains("first test").contains("second test").contains("expected 400, got 399");
        List<TestResult> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add(new TestResult("test " + i, "correctness", Status.FAILED, 0, 1, "x".repeat(1000), 1, ""));
        }
        String cut = new Classroom50Report(RUN, Instant.EPOCH).releaseBody(result(List.of(task("counter", 0, 400,
                many.toArray(TestResult[]::new))), ""));
        assertThat(cut.length()).isLessThanOrEqualTo(Classroom50Report.RELEASE_BODY_LIMIT);
        assertThat(cut).contains("test 0 ").contains("more tests not shown");
        assertThat(cut).doesNotContain("test 399 ");
    }
}
