package kit.grader.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import kit.grader.config.ConfigLoader;
import kit.grader.config.GradingConfig;
import kit.grader.model.Status;
import kit.grader.model.TaskResult;
import kit.grader.model.TaskRun;
import kit.grader.model.TestOutcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private static final GradingConfig DEFAULTS = new ConfigLoader().loadDefault();

    private static TestOutcome test(String name, double weight, Status status) {
        return new TestOutcome("pipeline", name, "correctness", weight, status, "", 1, "");
    }

    @Test
    @DisplayName("a task's tests share its configured points in proportion to their @Graded points")
    void scalesToTheTasksPoints() {
        TaskRun run = new TaskRun("pipeline", List.of(test("a", 1, Status.PASSED), test("b", 1, Status.FAILED),
                test("c", 2, Status.PASSED)), List.of(), List.of());
        TaskResult r = Scorer.score(run, DEFAULTS);
        assertThat(r.maxScore()).isEqualTo(12);
        assertThat(r.tests()).extracting(t -> t.maxPoints()).containsExactly(3.0, 3.0, 6.0);
        assertThat(r.tests()).extracting(t -> t.points()).containsExactly(3.0, 0.0, 6.0);
        assertThat(r.score()).isEqualTo(9);
    }

    @Test
    @DisplayName("all tests passed earns exactly the task's points, without rounding dust")
    void allPassedIsExact() {
        TaskRun run = new TaskRun("pipeline", List.of(test("a", 1, Status.PASSED), test("b", 1, Status.PASSED),
                test("c", 1, Status.PASSED), test("d", 4, Status.PASSED)), List.of(), List.of());
        assertThat(Scorer.score(run, DEFAULTS).score()).isEqualTo(12.0);
    }

    @Test
    @DisplayName("per-test points in the config replace the @Graded points; a disabled task is not scored")
    void overridesAndUnknownNames() {
        GradingConfig config = new GradingConfig(DEFAULTS.tasks(), Map.of("pipeline", Map.of("a", 3.0, "zzz", 1.0)),
                10, 120);
        TaskRun run = new TaskRun("pipeline", List.of(test("a", 1, Status.PASSED), test("b", 1, Status.FAILED)),
                List.of(), List.of());
        TaskResult r = Scorer.score(run, config);
        assertThat(r.tests()).extracting(t -> t.maxPoints()).containsExactly(9.0, 3.0);
        assertThat(r.score()).isEqualTo(9.0);
        assertThat(Scorer.unknownTestNames(List.of(run), config)).singleElement().asString()
                .contains("task 'pipeline' has no test named 'zzz'");
    }

    @Test
    @DisplayName("any status but passed earns nothing; a task without tests earns nothing and says so")
    void failuresAndEmptyTasks() {
        for (Status s : Status.values()) {
            TaskResult r = Scorer.score(new TaskRun("pipeline", List.of(test("a", 1, s)), List.of(), List.of()), DEFAULTS);
            assertThat(r.score()).isEqualTo(s == Status.PASSED ? 12.0 : 0.0);
        }
        TaskResult empty = Scorer.score(new TaskRun("pipeline", List.of(), List.of(), List.of()), DEFAULTS);
        assertThat(empty.score()).isZero();
        assertThat(empty.notes()).singleElement().asString().contains("no hidden tests");
    }
}
