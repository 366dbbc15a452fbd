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

    /**
     * Every character GitHub's runner trims before it looks for a workflow command: .NET's
     * {@code Char.IsWhiteSpace}, i.e. the Unicode space separators (Zs), the line and paragraph separators and
     * U+0009–U+000D, U+0085. Written out from that rule, not from Java's idea of whitespace.
     */
    private static final int[] RUNNER_WHITESPACE = {
        0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0020, 0x0085, 0x00A0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000};

    /** What the runner sees of a line: the line after .NET's TrimStart. */
    private static String runnerTrimmed(String line) {
        int lead = 0;
        while (lead < line.length() && isRunnerWhitespace(line.charAt(lead))) {
            lead++;
        }
        return line.substring(lead);
    }

    private static boolean isRunnerWhitespace(char c) {
        return Arrays.stream(RUNNER_WHITESPACE).anyMatch(w -> w == c);
    }

    @Test
    @DisplayName("the table holds every Unicode space separator (Zs), so no space the runner trims is forgotten")
    void tableCoversEverySpaceSeparator() {
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.getType(c) == Character.SPACE_SEPARATOR) {
                int code = c;
                assertThat(Arrays.stream(RUNNER_WHITESPACE).anyMatch(w -> w == code))
                        .as("U+%04X is a space separator, trimmed by the runner", c).isTrue();
            }
        }
    }

    @Test
    @DisplayName("after any whitespace the runner trims, one or several, ::command and ##[ are broken up")
    void everyRunnerWhitespaceBeforeACommand() {
        for (int c : RUNNER_WHITESPACE) {
            String ws = String.valueOf((char) c);
            for (String input : List.of(ws + "::error::x", ws + ws + " ::add-mask::x", " " + ws + "##[error]x",
                    ws + "::warning title=t::x")) {
                for (String line : SafeText.of(input).split("\n", -1)) {
                    assertThat(runnerTrimmed(line)).as("U+%04X: %s gave the line '%s'", c, input, line)
                            .doesNotStartWith("::").doesNotContain("##[");
                }
                assertThat(runnerTrimmed(SafeText.oneLine(input))).as("U+%04X one line", c)
                        .doesNotStartWith("::").doesNotContain("##[");
            }
        }
    }

    @Test
    @DisplayName("##[ is broken up anywhere in a line (the runner's legacy parser finds it anywhere)")
    void hashBracketAnywhere() {
        assertThat(SafeText.of("result ##[error]x and ##[warning]y")).isEqualTo("result # #[error]x and # #[warning]y");
        assertThat(SafeText.of("x ::not at the start")).isEqualTo("x ::not at the start");
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
