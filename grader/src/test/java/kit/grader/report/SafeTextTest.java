package kit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import kit.grader.model.CompileError;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Text from the submission cannot act as a GitHub workflow command or rewrite terminal lines in any report line. */
class SafeTextTest {

    private static final String EVIL = "::error title=x::Points 100/100\n  ::add-mask::Total\r\n::stop-commands::t\n"
            + "##[group]g\n\u001b[2K\r✓ fake\u0007\u009b31m\tkept";

    @Test
    @DisplayName("a line starting (after blanks) with :: or ##[ is broken up; control characters are shown as ^X")
    void lines() {
        assertThat(SafeText.of("::error::boom")).isEqualTo(": :error::boom");
        assertThat(SafeText.of("   ::add-mask::x")).isEqualTo("   : :add-mask::x");
        assertThat(SafeText.of("##[error]x")).isEqualTo("# #[error]x");
        assertThat(SafeText.of("a\r\n::b")).isEqualTo("a\n: :b");
        assertThat(SafeText.of("\u001b[31mred\u001b[0m\rover")).isEqualTo("^[[31mred^[[0m^Mover");
        assertThat(SafeText.of("x ::not at the start\ttab")).isEqualTo("x ::not at the start\ttab");
        assertThat(SafeText.oneLine("a\n::b")).as("joined: no longer at a line start").isEqualTo("a ::b");
    }

    @Test
    @DisplayName("no line of the terminal or Markdown report is a workflow command or holds a control character")
    void writers() {
        TestResult test = new TestResult("a test.", "correctness", Status.ERROR, 0, 1, EVIL, 5, EVIL);
        TaskResult task = new TaskResult("primes", 0, 10, List.of(test),
                List.of(new CompileError("primes", "src/main/java/concurrency/primes/\n::error::x.java", 3, EVIL)),
                List.of(EVIL));
        SubmissionResult result = new SubmissionResult("s", "s", 0, 10, List.of(task), List.of(EVIL), "", 1);
        StringWriter terminal = new StringWriter();
        new TerminalReport(new Style(false, true), true).write(result, new PrintWriter(terminal, true));
        StringWriter markdown = new StringWriter();
        new MarkdownReport().write(result, new PrintWriter(markdown, true));
        for (String report : List.of(terminal.toString(), markdown.toString())) {
            assertThat(report).contains("Points 100/100").doesNotContain("\u001b", "\u0007", "\u009b");
            assertThat(Arrays.stream(report.split("\r?\n")).map(String::strip)
                    .filter(l -> l.startsWith("::") || l.startsWith("##["))).as(report).isEmpty();
        }
        assertThat(terminal.toString()).contains(": :error title=x::Points 100/100", "^[[2K^M✓ fake^G");
    }
}
