package kit.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * The result GitHub Classroom's {@code autograding-grading-reporter} reads: base64 of
 * {@code {"version":1,"status":"pass|fail|error","max_score":N,"tests":[{"name","status","score","message",
 * "test_code","filename","line_no","duration"}]}}, published as the step output {@code result}.
 */
public final class ClassroomReport {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The JSON document (not yet base64). */
    public ObjectNode document(SubmissionResult result) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", 1);
        String status = !result.graded() ? "error" : result.score() >= result.maxScore() ? "pass" : "fail";
        root.put("status", status);
        JsonReport.number(root, "max_score", result.maxScore());
        ArrayNode tests = root.putArray("tests");
        for (TaskResult task : result.tasks()) {
            for (TestResult test : task.tests()) {
                ObjectNode n = tests.addObject();
                n.put("name", task.id() + ": " + test.name());
                n.put("status", test.passed() ? "pass" : "fail");
                JsonReport.number(n, "score", test.points());
                String message = test.passed() ? "" : test.status().label() + ": " + test.message();
                if (!task.compileErrors().isEmpty() && !test.passed()) {
                    message = "does not compile: " + task.compileErrors().get(0).describe();
                }
                n.put("message", message);
                n.put("test_code", "hidden test of task " + task.id() + " (" + test.kind() + ", worth "
                        + Numbers.points(test.maxPoints()) + ")");
                n.put("filename", "");
                n.put("line_no", 0);
                n.put("duration", test.durationMillis());
            }
        }
        if (!result.graded()) {
            ObjectNode n = tests.addObject();
            n.put("name", "grading");
            n.put("status", "error");
            n.put("score", 0);
            n.put("message", result.error());
            n.put("test_code", "");
            n.put("filename", "");
            n.put("line_no", 0);
            n.put("duration", 0);
        }
        return root;
    }

    /** The line to append to {@code $GITHUB_OUTPUT}: {@code result=<base64>}. */
    public String outputLine(SubmissionResult result) {
        byte[] json = document(result).toString().getBytes(StandardCharsets.UTF_8);
        return "result=" + Base64.getEncoder().encodeToString(json);
    }
}
