package kit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import kit.grader.model.Status;
import kit.grader.model.TestOutcome;
import kit.grader.run.RunResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a second run's outcomes replace the first run's failed timing tests. */
class ConfirmedOutcomesTest {

    private static TestOutcome outcome(String name, String kind, Status status, String message) {
        return new TestOutcome("gather", name, kind, 1, status, message, 100, "");
    }

    private static RunResult run(TestOutcome... outcomes) {
        return new RunResult(Map.of("gather", List.of(outcomes)), Map.of(), 1);
    }

    @Test
    @DisplayName("a timing failure that passes on the second run is recorded as passed")
    void passedTheSecondTime() {
        RunResult first = run(outcome("slow", "timing", Status.FAILED, "took 900 ms"),
                outcome("order", "correctness", Status.PASSED, ""));
        RunResult second = run(outcome("slow", "timing", Status.PASSED, ""),
                outcome("order", "correctness", Status.ERROR, "not run"));
        RunResult merged = SubmissionGrader.confirmed(first, Map.of("gather", second), true);
        assertThat(merged.outcomes().get("gather")).extracting(TestOutcome::status)
                .containsExactly(Status.PASSED, Status.PASSED);
        assertThat(merged.jvmsStarted()).isEqualTo(2);
    }

    @Test
    @DisplayName("a timing failure that fails twice keeps the second failure, marked confirmed")
    void failedTwice() {
        RunResult first = run(outcome("slow", "timing", Status.FAILED, "took 900 ms"));
        RunResult second = run(outcome("slow", "timing", Status.FAILED, "took 880 ms"));
        TestOutcome alone = SubmissionGrader.confirmed(first, Map.of("gather", second), true).outcomes().get("gather")
                .get(0);
        assertThat(alone.status()).isEqualTo(Status.FAILED);
        assertThat(alone.message()).isEqualTo("took 880 ms" + SubmissionGrader.CONFIRMED);
        TestOutcome beside = SubmissionGrader.confirmed(first, Map.of("gather", second), false).outcomes()
                .get("gather").get(0);
        assertThat(beside.message()).isEqualTo("took 880 ms" + SubmissionGrader.CONFIRMED_BESIDE_OTHERS);
    }

    @Test
    @DisplayName("other failures, and a timing test the second run could not run, keep the first outcome")
    void othersUntouched() {
        RunResult first = run(outcome("slow", "timing", Status.FAILED, "took 900 ms"),
                outcome("order", "correctness", Status.FAILED, "wrong order"));
        RunResult second = run(outcome("slow", "timing", Status.ERROR, "the test could not be run"),
                outcome("order", "correctness", Status.PASSED, ""));
        assertThat(SubmissionGrader.confirmed(first, Map.of("gather", second), true).outcomes().get("gather"))
                .containsExactlyElementsOf(first.outcomes().get("gather"));
    }
}
