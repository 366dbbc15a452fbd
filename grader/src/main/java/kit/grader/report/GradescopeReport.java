package kit.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * Gradescope's {@code results.json}: {@code score}, {@code execution_time}, {@code output}, and one entry
 * per test with {@code name}, {@code number}, {@code score}, {@code max_score}, {@code status}
 * ({@code passed}/{@code failed}), {@code output} and {@code visibility}.
 */
public final class GradescopeReport {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code result} as a Gradescope results document. */
    public void write(SubmissionResult result, Writer out) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        JsonReport.number(root, "score", result.score());
        root.put("execution_time", Math.max(1, Math.round(result.durationMillis() / 1000.0)));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        StringBuilder output = new StringBuilder();
        if (!result.graded()) {
            output.append("Not graded: ").append(result.error()).append('\n');
        }
        for (String note : result.notes()) {
            output.append(note).append('\n');
        }
        for (TaskResult t : result.tasks()) {
            output.append(t.id()).append(": ").append(Numbers.points(t.score())).append(" / ")
                    .append(Numbers.points(t.maxScore())).append('\n');
        }
        root.put("output", output.toString().strip());
        ArrayNode tests = root.putArray("tests");
        int taskNumber = 0;
        for (TaskResult task : result.tasks()) {
            taskNumber++;
            int testNumber = 0;
            for (TestResult test : task.tests()) {
                testNumber++;
                ObjectNode n = tests.addObject();
                n.put("name", task.id() + ": " + test.name());
                n.put("number", taskNumber + "." + testNumber);
                JsonReport.number(n, "score", test.points());
                JsonReport.number(n, "max_score", test.maxPoints());
                n.put("status", test.passed() ? "passed" : "failed");
                String message = test.passed() ? "" : test.status().label() + ": " + test.message();
                if (!task.compileErrors().isEmpty() && !test.passed()) {
                    message = "does not compile: " + task.compileErrors().get(0).describe();
                }
                n.put("output", message);
                n.putArray("tags").add(task.id()).add(test.kind());
                n.put("visibility", "visible");
            }
            for (String note : task.notes()) {
                output.append(task.id()).append(": ").append(note).append('\n');
            }
        }
        root.put("output", output.toString().strip());
        mapper.writeValue(out, root);
    }
}
