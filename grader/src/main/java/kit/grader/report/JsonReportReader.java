package kit.grader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kit.grader.model.CompileError;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * Reads back what {@link JsonReport} wrote: one submission's report, or a class report's {@code submissions}.
 * What a later run needs to rebuild the class outputs (CSV, summary, feedback) without grading again.
 */
public final class JsonReportReader {

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Every submission in {@code file}: the one of a single report, or each one of a class report
     * ({@code {"submissions": [...]}}).
     *
     * @throws IOException when the file cannot be read or is not a report the grader wrote
     */
    public List<SubmissionResult> read(Path file) throws IOException {
        JsonNode root = mapper.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": not a grader JSON report (expected an object)");
        }
        List<SubmissionResult> results = new ArrayList<>();
        if (root.has("submissions")) {
            for (JsonNode node : root.get("submissions")) {
                results.add(submission(node, file));
            }
        } else {
            results.add(submission(root, file));
        }
        return results;
    }

    /** One submission's object, as {@link JsonReport#node} writes it. */
    public SubmissionResult submission(JsonNode node, Path source) throws IOException {
        require(node, "submission", source);
        require(node, "tasks", source);
        List<TaskResult> tasks = new ArrayList<>();
        for (JsonNode t : node.get("tasks")) {
            tasks.add(task(t, source));
        }
        return new SubmissionResult(
                node.get("submission").asText(),
                node.path("path").asText(""),
                node.path("score").asDouble(),
                node.path("maxScore").asDouble(),
                tasks,
                strings(node.path("notes")),
                node.path("error").asText(""),
                node.path("durationMillis").asLong(),
                node.path("isolation").asText("none"));
    }

    private static TaskResult task(JsonNode t, Path source) throws IOException {
        require(t, "id", source);
        String id = t.get("id").asText();
        List<TestResult> tests = new ArrayList<>();
        for (JsonNode n : t.path("tests")) {
            Status status;
            try {
                status = Status.fromLabel(n.path("status").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": task " + id + ": " + e.getMessage());
            }
            tests.add(new TestResult(n.path("name").asText(), n.path("kind").asText(), status,
                    n.path("points").asDouble(), n.path("maxPoints").asDouble(), n.path("message").asText(""),
                    n.path("durationMillis").asLong(), n.path("output").asText("")));
        }
        List<CompileError> errors = new ArrayList<>();
        for (JsonNode e : t.path("compileErrors")) {
            errors.add(new CompileError(id, e.path("file").asText(), e.path("line").asLong(),
                    e.path("message").asText()));
        }
        return new TaskResult(id, t.path("score").asDouble(), t.path("maxScore").asDouble(), tests, errors,
                strings(t.path("notes")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static void require(JsonNode node, String field, Path source) throws IOException {
        if (!node.has(field)) {
            throw new IOException(source + ": not a grader JSON report (no \"" + field + "\" field)");
        }
    }
}
