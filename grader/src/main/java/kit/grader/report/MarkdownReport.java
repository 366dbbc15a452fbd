package kit.grader.report;

import java.io.PrintWriter;
import kit.grader.model.CompileError;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * Feedback for a student in GitHub-flavoured Markdown (fits a GitHub step summary): a table of tasks,
 * then for each task that lost points its failing tests with their messages; passing tests folded away.
 *
 * <p>Text from the submission is escaped ({@link #inline}) and never starts a line: every line begins with the
 * writer's own {@code - } or {@code > }, and control characters are shown in caret notation ({@link SafeText}),
 * so printing the Markdown in a CI log runs no workflow command.
 */
public final class MarkdownReport {

    /** Writes the feedback for one submission. */
    public void write(SubmissionResult result, PrintWriter out) {
        out.println("## Concurrency exercises — " + cell(result.name()) + ": " + Numbers.points(result.score())
                + " / " + Numbers.points(result.maxScore()) + " points");
        out.println();
        if (!result.graded()) {
            out.println("**Not graded:** " + inline(result.error()));
            return;
        }
        out.println("| | Task | Points | Tests passed |");
        out.println("|---|---|---:|---:|");
        for (TaskResult task : result.tasks()) {
            long passed = task.tests().stream().filter(TestResult::passed).count();
            out.println("| " + mark(task.fullMarks() && !task.tests().isEmpty()) + " | " + task.id() + " | "
                    + Numbers.points(task.score()) + " / " + Numbers.points(task.maxScore()) + " | " + passed + " / "
                    + task.tests().size() + " |");
        }
        for (TaskResult task : result.tasks()) {
            out.println();
            out.println("### " + mark(task.fullMarks() && !task.tests().isEmpty()) + " " + task.id() + " — "
                    + Numbers.points(task.score()) + " / " + Numbers.points(task.maxScore()));
            out.println();
            for (CompileError e : task.compileErrors()) {
                out.println("- Does not compile: `" + code(e.file() + (e.line() > 0 ? ":" + e.line() : "")) + "` "
                        + inline(e.message()));
            }
            for (String note : task.notes()) {
                out.println("- " + inline(note));
            }
            boolean anyFailed = false;
            for (TestResult test : task.tests()) {
                if (!test.passed()) {
                    anyFailed = true;
                    out.println("- ❌ **" + inline(test.name()) + "** (" + Numbers.points(test.points()) + " / "
                            + Numbers.points(test.maxPoints()) + ", " + label(test.status()) + ")");
                    if (!test.message().isEmpty() && test.status() != Status.NOT_COMPILED) {
                        for (String line : test.message().split("\n")) {
                            out.println("  > " + inline(line));
                        }
                    }
                }
            }
            long passedCount = task.tests().stream().filter(TestResult::passed).count();
            if (passedCount > 0) {
                if (anyFailed) {
                    out.println();
                }
                out.println("<details><summary>" + passedCount + " passed</summary>");
                out.println();
                for (TestResult test : task.tests()) {
                    if (test.passed()) {
                        out.println("- ✅ " + inline(test.name()) + " (" + Numbers.points(test.points()) + " / "
                                + Numbers.points(test.maxPoints()) + ")");
                    }
                }
                out.println();
                out.println("</details>");
            }
        }
        if (!result.notes().isEmpty()) {
            out.println();
            out.println("### Notes");
            out.println();
            for (String note : result.notes()) {
                out.println("- " + inline(note));
            }
        }
    }

    private static String label(Status status) {
        return switch (status) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case ERROR -> "error";
            case TIMEOUT -> "timed out";
            case NOT_IMPLEMENTED -> "not implemented yet";
            case NOT_COMPILED -> "does not compile";
        };
    }

    private static String mark(boolean ok) {
        return ok ? "✅" : "❌";
    }

    /** Text safe inside a Markdown table cell. */
    static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    /** Text that Markdown and HTML show as written, on one line, without control characters. */
    static String inline(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : SafeText.oneLine(s).toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '*', '_', '`', '[', ']', '#', '\\' -> b.append('\\').append(c);
                case '\r', '\n' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String code(String s) {
        return SafeText.oneLine(s).replace("`", "'");
    }
}
