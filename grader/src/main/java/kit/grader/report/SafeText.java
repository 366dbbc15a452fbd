package kit.grader.report;

/**
 * Makes text that came from the submission (failure messages, captured output, file names in notes) harmless
 * in a report that may be printed in a CI log or on a terminal.
 *
 * <p>Two things are neutralised. A line that starts (after blanks) with {@code ::} or {@code ##[} would be a
 * GitHub Actions workflow command — {@code ::error::}, {@code ::add-mask::}, {@code ::stop-commands::} — when
 * the report is printed in a workflow's log; such a line gets a space between its first two characters
 * ({@code : :error::…}), which the runner does not read as a command. And control characters (ESC, carriage
 * return, backspace, …), with which printed text could recolour, overwrite or erase the grader's own lines on
 * a terminal, are shown in caret notation ({@code ^[}, {@code ^M}) instead. Line breaks and tabs stay. Scores
 * never depend on any of this text: they come only from the structured test results.
 */
public final class SafeText {

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
        while (lead < b.length() && Character.isWhitespace(b.charAt(lead))) {
            lead++;
        }
        if (b.indexOf("::", lead) == lead || b.indexOf("##[", lead) == lead) {
            b.insert(lead + 1, ' ');
        }
        return b.toString();
    }
}
