package kit.grader.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * A made-up class for the report tests: {@code size} submissions over three tasks of three tests each, with
 * scores, statuses and failure messages drawn from a seeded random generator (the same class every run), so the
 * pages and CSVs can be compared without grading anything. The second student's name and messages carry HTML,
 * a terminal escape and a workflow command, to check the escaping.
 */
final class SyntheticClass {

    static final List<String> TASKS = List.of("counter", "download", "primes");
    static final String EVIL_NAME = "<b>mallory</b> & \"co\"";

    private SyntheticClass() {
    }

    static List<SubmissionResult> of(int size, long seed) {
        Random random = new Random(seed);
        List<SubmissionResult> results = new ArrayList<>();
        for (int s = 0; s < size; s++) {
            String name = s == 1 ? EVIL_NAME : String.format("student-%02d", s + 1);
            int skill = random.nextInt(5); // 0: hands in the template, 4: nearly perfect
            List<TaskResult> tasks = new ArrayList<>();
            double total = 0;
            for (String task : TASKS) {
                List<TestResult> tests = new ArrayList<>();
                double points = 0;
                for (int t = 0; t < 3; t++) {
                    Status status;
                    String message;
                    if (skill == 0) {
                        status = Status.NOT_IMPLEMENTED;
                        message = task + " is not implemented yet";
                    } else if (random.nextInt(5) < skill + 1) {
                        status = Status.PASSED;
                        message = "";
                    } else if (t == 1) {
                        status = Status.TIMEOUT;
                        message = "did not finish within " + (1000 + random.nextInt(9000)) + " ms on Thread-"
                                + random.nextInt(40);
                    } else {
                        status = Status.FAILED;
                        message = s == 1 ? "expected <script>alert(1)</script> \u001b[31m\n::error::x"
                                : "expected 400000 but was " + (390000 + random.nextInt(9999));
                    }
                    double earned = status == Status.PASSED ? 2 : 0;
                    points += earned;
                    tests.add(new TestResult(task + " test " + (t + 1), "correctness", status, earned, 2, message,
                            10 + random.nextInt(500), ""));
                }
                double taskPoints = points + (points == 6 ? 4 : 0);
                total += taskPoints;
                tasks.add(new TaskResult(task, taskPoints, 10, tests, List.of(), List.of()));
            }
            results.add(new SubmissionResult(name, "/class/" + name.replaceAll("[^a-z0-9-]", "_"), total, 30, tasks,
                    List.of(), "", 2000 + random.nextInt(20000)));
        }
        return results;
    }
}
