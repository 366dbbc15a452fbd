package kit.grader.report;

import java.io.PrintWriter;
import kit.grader.model.CompileError;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * The report printed on the terminal for one submission: ✓/✗ per task and test, points, failure messages.
 *
 * <p>Every text that may come from the submission (messages, output, notes, compile errors) goes through
 * {@link SafeText}, so that it cannot act as a GitHub Actions workflow command or rewrite the lines around it.
 */
public final class TerminalReport {

    private final Style style;
    private final boolean verbose;

    public TerminalReport(Style style, boolean verbose) {
        this.style = style;
        this.verbose = verbose;
    }

    /** Writes the full report. */
    public void write(SubmissionResult result, PrintWriter out) {
        out.println(style.bold(style.text("Grading " + result.name())) + style.dim(" (" + result.path() + ")"));
        if (!result.graded()) {
            out.println("  " + style.red(style.text("not graded: " + SafeText.oneLine(result.error()))));
            out.println(total(result));
            return;
        }
        for (TaskResult task : result.tasks()) {
            out.println();
            String mark = task.fullMarks() && !task.tests().isEmpty() ? style.pass() : style.fail();
            String passed = task.tests().stream().filter(TestResult::passed).count() + "/" + task.tests().size()
                    + " tests";
            out.println(mark + " " + style.bold(pad(task.id(), 16)) + " " + pad(Numbers.points(task.score()) + " / "
                    + Numbers.points(task.maxScore()), 12) + style.dim(passed));
            for (CompileError e : task.compileErrors()) {
                out.println("    " + style.red(style.text("does not compile: ")) + style.text(SafeText.oneLine(e.describe())));
            }
            for (String note : task.notes()) {
                out.println("    " + style.yellow(style.text(SafeText.oneLine(note))));
            }
            for (TestResult test : task.tests()) {
                writeTest(test, task, out);
            }
        }
        if (!result.notes().isEmpty()) {
            out.println();
            out.println(style.bold("Notes"));
            for (String note : result.notes()) {
                out.println("  " + style.bullet() + " " + style.text(SafeText.oneLine(note)));
            }
        }
        out.println();
        out.println(total(result) + (verbose ? style.dim("   (graded in " + Numbers.seconds(result.durationMillis())
                + ")") : ""));
    }

    /** Writes just the total, e.g. {@code 87.5/100}. */
    public void writeTotal(SubmissionResult result, PrintWriter out) {
        out.println(Numbers.points(result.score()) + "/" + Numbers.points(result.maxScore()));
    }

    private void writeTest(TestResult test, TaskResult task, PrintWriter out) {
        if (test.passed() && task.compileErrors().isEmpty()) {
            out.println("    " + style.pass() + " " + style.text(test.name()) + "  "
                    + style.dim(Numbers.points(test.points()) + "/" + Numbers.points(test.maxPoints())
                            + (verbose ? "  " + test.kind() + "  " + Numbers.seconds(test.durationMillis()) : "")));
        } else {
            out.println("    " + style.fail() + " " + style.text(test.name()) + "  "
                    + style.dim(Numbers.points(test.points()) + "/" + Numbers.points(test.maxPoints())) + "  "
                    + label(test.status())
                    + (verbose ? style.dim("  " + test.kind() + "  " + Numbers.seconds(test.durationMillis())) : ""));
            if (!test.message().isEmpty() && (test.status() != Status.NOT_COMPILED || verbose)) {
                for (String line : SafeText.of(test.message()).split("\n")) {
                    out.println("        " + style.text(line));
                }
            }
        }
        if (verbose && !test.output().isBlank()) {
            out.println("        " + style.dim("output:"));
            String[] lines = SafeText.of(test.output().strip()).split("\n");
            int shown = Math.min(lines.length, 20);
            for (int i = 0; i < shown; i++) {
                out.println("        " + style.dim("| " + style.text(lines[i])));
            }
            if (lines.length > shown) {
                out.println("        " + style.dim("| … " + (lines.length - shown) + " more lines"));
            }
        }
    }

    private String label(Status status) {
        return switch (status) {
            case PASSED -> style.green("passed");
            case FAILED -> style.red("failed");
            case ERROR -> style.red("error");
            case TIMEOUT -> style.yellow("timeout");
            case NOT_IMPLEMENTED -> style.yellow("not implemented yet");
            case NOT_COMPILED -> style.red("does not compile");
        };
    }

    private String total(SubmissionResult result) {
        return style.bold("Total: " + Numbers.points(result.score()) + " / " + Numbers.points(result.maxScore())
                + " points");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
