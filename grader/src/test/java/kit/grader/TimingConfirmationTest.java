package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import kit.grader.grade.SubmissionGrader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed timing test is run again, alone, before it is recorded: graded as a class with {@code --jobs 3},
 * a submission that misses the bound only on the first run gets the test passed, a submission that misses it
 * every time gets it failed with "confirmed" in its feedback, and the class finishes (no deadlock between
 * the confirmations and the other submissions' test JVMs).
 */
class TimingConfirmationTest {

    private static final String TEST = "fetchSequentially of 90 ms, 60 ms and 30 ms takes about the sum of the delays,"
            + " 180 ms.";

    @TempDir
    static Path scratch;

    private static final Map<String, JsonNode> RESULTS = new HashMap<>();
    private static Path feedback;

    @BeforeAll
    static void gradeTheClass() throws Exception {
        // Late the first time only: 1 s later than the sum of the delays unless its test JVM is one of a
        // confirmation run (whose working directory, and so its temporary directory, is named confirm-<task>).
        Path lateOnce = Kit.referenceCopy(scratch.resolve("late-on-the-first-run"));
        Path fetcher = lateOnce.resolve("src/main/java/concurrency/gather/AsyncFetcher.java");
        String source = Files.readString(fetcher);
        String head = "public static CompletableFuture<List<String>> fetchSequentially(List<Request> requests) {";
        assertThat(source).contains(head);
        Files.writeString(fetcher, source.replace(head, head + """

                        CompletableFuture<List<String>> onTime = fetchSequentiallyOnTime(requests);
                        if (!requests.isEmpty() && requests.get(0).name().equals("p1")
                                && !System.getProperty("java.io.tmpdir", "").contains("confirm-")) {
                            return onTime.thenCompose(r -> CompletableFuture.supplyAsync(() -> r,
                                    CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)));
                        }
                        return onTime;
                    }

                    private static CompletableFuture<List<String>> fetchSequentiallyOnTime(List<Request> requests) {"""));
        Path alwaysEarly = Kit.overlay(scratch.resolve("gather--sequential-starts-all"), "concurrency/gather",
                Kit.root().resolve("grader/src/test/fixtures/gather--sequential-starts-all/src/main/java/concurrency/gather"));
        Path reference = Kit.referenceCopy(scratch.resolve("reference"));
        Path json = scratch.resolve("class.json");
        feedback = scratch.resolve("feedback");
        Kit.Run run = assertTimeoutPreemptively(Duration.ofMinutes(4), () -> Kit.grade(lateOnce.toString(),
                alwaysEarly.toString(), reference.toString(), "--task", "gather", "--jobs", "3", "--json",
                json.toString(), "--feedback", feedback.toString(), "--quiet", "--no-color"),
                "a class of 3 with --jobs 3 and two confirmation runs should finish (no deadlock)");
        assertThat(run.status()).as("exit status; stderr: %s", run.err()).isZero();
        for (JsonNode s : new ObjectMapper().readTree(json.toFile()).get("submissions")) {
            RESULTS.put(s.get("submission").asText(), s);
        }
    }

    @Test
    @DisplayName("a timing test failed on the first run and passed on the second, alone, is recorded as passed")
    void passedOnTheSecondRun() {
        JsonNode test = test("late-on-the-first-run");
        assertThat(test.get("status").asText()).as(test.toString()).isEqualTo("passed");
        JsonNode s = RESULTS.get("late-on-the-first-run");
        assertThat(s.get("score").asDouble()).as(s.toString()).isEqualTo(s.get("maxScore").asDouble());
    }

    @Test
    @DisplayName("a timing test failed on both runs is failed, and the student's feedback says it was confirmed")
    void failedTwiceIsConfirmed() throws Exception {
        JsonNode test = test("gather--sequential-starts-all");
        assertThat(test.get("status").asText()).as(test.toString()).isEqualTo("failed");
        assertThat(test.get("message").asText()).endsWith(SubmissionGrader.CONFIRMED);
        String markdown;
        try (var files = Files.list(feedback)) {
            Path file = files.filter(p -> p.getFileName().toString().contains("sequential-starts-all")).findFirst()
                    .orElseThrow();
            markdown = Files.readString(file);
        }
        assertThat(markdown).contains("confirmed by a second run with no other test running");
    }

    @Test
    @DisplayName("the reference keeps full marks beside the confirmations")
    void referenceKeepsFullMarks() {
        JsonNode s = RESULTS.get("reference");
        assertThat(s.get("score").asDouble()).as(s.toString()).isEqualTo(s.get("maxScore").asDouble());
    }

    private static JsonNode test(String submission) {
        for (JsonNode task : RESULTS.get(submission).get("tasks")) {
            for (JsonNode t : task.get("tests")) {
                if (t.get("name").asText().equals(TEST)) {
                    return t;
                }
            }
        }
        throw new AssertionError("no test named " + TEST + " for " + submission);
    }
}
