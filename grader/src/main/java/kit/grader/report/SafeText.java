package kit.grader.report;

/**
 * Makes text that came from the submission (failure messages, captured output, file names in notes) harmless
 * in a report that may be printed in a CI log or on a terminal.
 *
 * <p>Two things are neutralised. A line that starts with {@code ::} after whitespace would be a GitHub Actions
 * workflow command — {@code ::error::}, {@code ::add-mask::}, {@code ::stop-commands::} — when the report is
 * printed in a workflow's log; such a line gets a space between the two colons ({@code : :error::…}), which the
 * runner does not read as a command. "Whitespace" is what the runner trims, not what Java calls whitespace: the
 * runner trims with .NET's {@code String.TrimStart()}, which removes every character of {@link #RUNNER_TRIMS}
 * (Unicode space separators such as the no-break space U+00A0 included). The runner's older parser finds
 * {@code ##[} anywhere in a line, so every {@code ##[} becomes {@code # #[}. And control characters (ESC, carriage
 * return, backspace, …), with which printed text could recolour, overwrite or erase the grader's own lines on
 * a terminal, are shown in caret notation ({@code ^[}, {@code ^M}) instead. Line breaks and tabs stay. Scores
 * never depend on any of this text: they come only from the structured test results.
 */
public final class SafeText {

    /**
     * The characters .NET's {@code Char.IsWhiteSpace} accepts, which {@code String.TrimStart()} removes before the
     * runner looks for {@code ::}: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
     * U+202F, U+205F, U+3000. ({@code Character.isWhitespace} misses U+00A0, U+2007, U+202F and U+0085.)
     */
    static final String RUNNER_TRIMS = "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
            + "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

    private SafeText() {
    }

    /** {@code text} with every line neutralised; CRLF becomes LF. */
    public static String of(String text) {
        String unixLines = text.replace("\r\n", "\n");
        StringBuilder b = new StringBuilder(unixLines.length() + 8);
        int start = 0;
        while (true) {
            int newline = unixLines.indexOf('\n', start);
            String line = newline < 0 ? unixLines.substring(start) : unixLines.substring(start, newline);
            b.append(line(line));
            if (newline < 0) {
                return b.toString();
            }
            b.append('\n');
            start = newline + 1;
        }
    }

    /** {@code text} neutralised on one line: its line breaks become spaces. */
    public static String oneLine(String text) {
        return line(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }

    /** One line (no line break in it) neutralised. */
    static String line(String line) {
        StringBuilder b = new StringBuilder(line.length() + 4);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))) {
                b.append(c);
            } else if (c < 0x20) {
                b.append('^').append((char) (c + 0x40));
            } else if (c == 0x7f) {
                b.append("^?");
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        int lead = 0;
        while (lead < b.length() && RUNNER_TRIMS.indexOf(b.charAt(lead)) >= 0) {
            lead++;
        }
        if (b.indexOf("::", lead) == lead) {
            b.insert(lead + 1, ' ');
        }
        for (int at = b.indexOf("##["); at >= 0; at = b.indexOf("##[", at + 3)) {
            b.insert(at + 1, ' ');
        }
        return b.toString();
    }
}
