package kit.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import kit.grader.model.CompileError;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * The JSON report of the contract ({@code submission, score, maxScore, tasks[id, score, maxScore,
 * tests[name, kind, status, points, maxPoints, message]]}) plus extra fields: {@code path}, {@code notes},
 * {@code error}, {@code durationMillis}, {@code isolation} ({@code "bubblewrap"} or {@code "none"}), per task {@code compileErrors} and {@code notes}, per test
 * {@code durationMillis} (and {@code output} with {@code --verbose}).
 */
public final class JsonReport {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final boolean withOutput;

    public JsonReport(boolean withOutput) {
        this.withOutput = withOutput;
    }

    /** Writes one submission. */
    public void write(SubmissionResult result, Writer out) throws IOException {
        mapper.writeValue(out, node(result));
    }

    /** Writes a class: {@code {"submissions": [...], "summary": {...}}}. */
    public void writeClass(List<SubmissionResult> results, ClassSummary summary, Writer out) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("submissions");
        for (SubmissionResult r : results) {
            list.add(node(r));
        }
        root.set("summary", summary.toJson(mapper));
        mapper.writeValue(out, root);
    }

    /** The contract's JSON object for one submission. */
    public ObjectNode node(SubmissionResult result) {
        ObjectNode root = mapper.createObjectNode();
        root.put("submission", result.name());
        number(root, "score", result.score());
        number(root, "maxScore", result.maxScore());
        ArrayNode tasks = root.putArray("tasks");
        for (TaskResult task : result.tasks()) {
            ObjectNode t = tasks.addObject();
            t.put("id", task.id());
            number(t, "score", task.score());
            number(t, "maxScore", task.maxScore());
            ArrayNode tests = t.putArray("tests");
            for (TestResult test : task.tests()) {
                ObjectNode n = tests.addObject();
                n.put("name", test.name());
                n.put("kind", test.kind());
                n.put("status", test.status().label());
                number(n, "points", test.points());
                number(n, "maxPoints", test.maxPoints());
                n.put("message", test.message());
                n.put("durationMillis", test.durationMillis());
                if (withOutput && !test.output().isEmpty()) {
                    n.put("output", test.output());
                }
            }
            if (!task.compileErrors().isEmpty()) {
                ArrayNode errors = t.putArray("compileErrors");
                for (CompileError e : task.compileErrors()) {
                    ObjectNode n = errors.addObject();
                    n.put("file", e.file());
                    n.put("line", e.line());
                    n.put("message", e.message());
                }
            }
            if (!task.notes().isEmpty()) {
                task.notes().forEach(t.putArray("notes")::add);
            }
        }
        root.put("path", result.path());
        result.notes().forEach(root.putArray("notes")::add);
        if (!result.graded()) {
            root.put("error", result.error());
        }
        root.put("durationMillis", result.durationMillis());
        root.put("isolation", result.isolation());
        return root;
    }

    /** Writes whole numbers as integers ({@code 10}, not {@code 10.0}), others with two decimals. */
    static void number(ObjectNode node, String field, double value) {
        double rounded = Numbers.round2(value);
        if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
            node.put(field, (long) rounded);
        } else {
            node.put(field, rounded);
        }
    }
}
