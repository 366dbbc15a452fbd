package kit.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * Classroom 50's {@code result.json} ({@code classroom50/result/v1}) and the {@code release-body.md} a student
 * reads on the submission's GitHub Release.
 *
 * <p>Classroom 50 wants integer points. The result has one row per task; a row's {@code score} is the task's
 * exact score rounded <em>down</em>, its {@code max-score} the task's points rounded half up (the configured
 * points are whole numbers by default, so nothing is rounded then). The top-level {@code score} is the exact
 * total rounded down, so it equals the exact total whenever that is a whole number, and never rounds a student
 * up. Each row keeps the exact numbers in the extra fields {@code exact-score} and {@code exact-max-score}
 * (Classroom 50 keeps extra per-test fields), and the release body says when and how anything was rounded.
 *
 * <p>The run's identity comes from the environment Classroom 50's runner gives {@code autograder.py}:
 * {@code CLASSROOM}, {@code ASSIGNMENT}, {@code SUBMISSION_TAG}, {@code COMMIT_URL}, {@code RELEASE_URL},
 * {@code REVIEW_URL}, {@code OWNER} (or {@code USERNAME}) and {@code ASSIGNMENT_TYPE}. Outside Classroom 50
 * (a local run) placeholders keep the document valid. The runner overwrites {@code owner},
 * {@code assignment_type} and {@code datetime} with its own values anyway.
 */
public final class Classroom50Report {

    /** GitHub refuses a release body longer than this many characters. */
    public static final int RELEASE_BODY_LIMIT = 125_000;

    /** The file name of the release body, written beside {@code result.json}. */
    public static final String RELEASE_BODY_NAME = "release-body.md";

    private static final DateTimeFormatter SECONDS_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, String> env;
    private final Instant now;

    /**
     * @param env the environment to read the run's identity from
     * @param now the instant written as {@code datetime} (the runner replaces it with the commit's date)
     */
    public Classroom50Report(Map<String, String> env, Instant now) {
        this.env = Map.copyOf(env);
        this.now = now;
    }

    /** The {@code result.json} document for {@code result}. */
    public ObjectNode document(SubmissionResult result) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", "classroom50/result/v1");
        root.put("classroom", value("CLASSROOM", "local"));
        root.put("assignment", value("ASSIGNMENT", "local"));
        String type = value("ASSIGNMENT_TYPE", "individual");
        root.put("assignment_type", type);
        root.put("owner", value("OWNER", value("USERNAME", "local")));
        String tag = value("SUBMISSION_TAG", "submit/local");
        root.put("submission", tag.startsWith("submit/") ? tag : "submit/" + tag);
        String commit = value("COMMIT_URL", "local");
        root.put("commit", commit);
        root.put("release", value("RELEASE_URL", commit));
        root.put("review", value("REVIEW_URL", commit));
        root.put("datetime", SECONDS_UTC.format(now.truncatedTo(ChronoUnit.SECONDS)));
        root.put("score", wholeScore(result.score()));
        root.put("max-score", wholeMax(result.maxScore()));
        ArrayNode tests = root.putArray("tests");
        for (TaskResult task : result.tasks()) {
            ObjectNode row = tests.addObject();
            row.put("test-name", task.id());
            row.put("passed", result.graded() && task.fullMarks());
            row.put("score", Math.min(wholeScore(task.score()), wholeMax(task.maxScore())));
            row.put("max-score", wholeMax(task.maxScore()));
            JsonReport.number(row, "exact-score", task.score());
            JsonReport.number(row, "exact-max-score", task.maxScore());
            long passed = task.tests().stream().filter(TestResult::passed).count();
            row.put("tests-passed", passed);
            row.put("tests", task.tests().size());
            String message = rowMessage(result, task);
            if (!message.isEmpty()) {
                row.put("message", message);
            }
        }
        return root;
    }

    /** Writes {@code result.json}. */
    public void writeResult(SubmissionResult result, Writer out) throws IOException {
        mapper.writeValue(out, document(result));
    }

    /**
     * The exact total rounded down to a whole number (never more than the student earned). The tiny allowance
     * only absorbs floating-point sums such as 5.999999999999 for 6; 99.999 stays 99.
     */
    public static long wholeScore(double exact) {
        return BigDecimal.valueOf(exact + 1e-9).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** Points available rounded half up to a whole number. */
    public static long wholeMax(double exact) {
        return BigDecimal.valueOf(Numbers.round2(exact)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Whether writing {@code exact} as a whole number changes it. */
    static boolean isWhole(double exact) {
        return Math.abs(exact - Math.rint(exact)) < 1e-9;
    }

    private static String rowMessage(SubmissionResult result, TaskResult task) {
        if (!result.graded()) {
            return "not graded: " + SafeText.oneLine(result.error());
        }
        if (!task.compileErrors().isEmpty()) {
            return "does not compile: " + SafeText.oneLine(task.compileErrors().get(0).describe());
        }
        return "";
    }

    private String value(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    /**
     * The release body: the score, how it was rounded, one table row per task, then every test of every task
     * with what failed and why. Cut at a whole test when it would pass {@link #RELEASE_BODY_LIMIT}, with a line
     * saying how many tests were left out.
     */
    public String releaseBody(SubmissionResult result) {
        List<String> head = new ArrayList<>();
        head.add("### Concurrency kit: " + wholeScore(result.score()) + "/" + wholeMax(result.maxScore()));
        head.add("");
        if (!result.graded()) {
            head.add("**Not graded:** " + SafeText.oneLine(result.error()));
            head.add("");
            head.add("Every task scores 0 until the grader can read and compile the submission.");
            head.add("");
        }
        boolean rounded = !isWhole(result.score()) || !isWhole(result.maxScore()) || result.tasks().stream()
                .anyMatch(t -> !isWhole(t.score()) || !isWhole(t.maxScore()));
        if (rounded) {
            head.add("Exact score: **" + Numbers.points(result.score()) + " / " + Numbers.points(result.maxScore())
                    + "**. Classroom 50 records whole points, so the recorded score is the exact score rounded"
                    + " down, and each task's row is rounded down on its own (points available are rounded"
                    + " to the nearest whole number). The exact points are in the table below.");
            head.add("");
        }
        for (String note : result.notes()) {
            head.add("> " + SafeText.oneLine(note));
        }
        if (!result.notes().isEmpty()) {
            head.add("");
        }
        head.add("| Task | Result | Points | Exact points | Tests passed |");
        head.add("|---|---|---|---|---|");
        for (TaskResult t : result.tasks()) {
            long passed = t.tests().stream().filter(TestResult::passed).count();
            head.add("| " + t.id() + " | " + (result.graded() && t.fullMarks() ? "PASS" : "FAIL") + " | "
                    + Math.min(wholeScore(t.score()), wholeMax(t.maxScore())) + " / " + wholeMax(t.maxScore())
                    + " | " + Numbers.points(t.score()) + " / " + Numbers.points(t.maxScore()) + " | " + passed
                    + " / " + t.tests().size() + " |");
        }
        head.add("");
        StringBuilder body = new StringBuilder(String.join("\n", head)).append('\n');

        int total = result.tasks().stream().mapToInt(t -> t.tests().size()).sum();
        int shown = 0;
        String footerRoom = "\n_… NNNNNN more tests not shown (GitHub limits a release to 125,000 characters);"
                + " ask your instructor for the full report._\n";
        boolean cut = false;
        for (TaskResult t : result.tasks()) {
            StringBuilder section = new StringBuilder();
            section.append("#### ").append(t.id()).append(" — ").append(Numbers.points(t.score())).append(" / ")
                    .append(Numbers.points(t.maxScore())).append("\n\n");
            for (String note : t.notes()) {
                section.append("> ").append(SafeText.oneLine(note)).append("\n");
            }
            if (!t.compileErrors().isEmpty()) {
                section.append("Does not compile:\n\n");
                for (var e : t.compileErrors().subList(0, Math.min(5, t.compileErrors().size()))) {
                    section.append("- ").append(SafeText.oneLine(e.describe())).append('\n');
                }
                section.append('\n');
            }
            if (!appendIfRoom(body, section.toString(), footerRoom)) {
                cut = true;
                break;
            }
            for (TestResult test : t.tests()) {
                String line = "- " + (test.passed() ? "✅" : "❌") + " " + SafeText.oneLine(test.name()) + " ("
                        + Numbers.points(test.points()) + " / " + Numbers.points(test.maxPoints()) + ")"
                        + (test.passed() ? "" : ": " + test.status().label()
                                + (test.message().isBlank() ? "" : " — " + SafeText.oneLine(test.message())))
                        + "\n";
                if (!appendIfRoom(body, line, footerRoom)) {
                    cut = true;
                    break;
                }
                shown++;
            }
            if (cut) {
                break;
            }
            body.append('\n');
        }
        if (cut) {
            body.append("\n_… ").append(total - shown).append(" more tests not shown (GitHub limits a release"
                    + " to 125,000 characters); ask your instructor for the full report._\n");
        }
        return body.toString();
    }

    private static boolean appendIfRoom(StringBuilder body, String text, String footerRoom) {
        if (body.length() + text.length() + footerRoom.length() > RELEASE_BODY_LIMIT) {
            return false;
        }
        body.append(text);
        return true;
    }
}
