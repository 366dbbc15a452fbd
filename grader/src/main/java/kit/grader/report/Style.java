package kit.grader.report;

import java.nio.charset.Charset;

/**
 * Colours and symbols of the terminal report: ANSI colours only when asked for (a terminal, no
 * {@code --no-color}, no {@code NO_COLOR}), and plain ASCII symbols where the console cannot show ✓ and ✗.
 */
public final class Style {

    private final boolean color;
    private final boolean unicode;

    public Style(boolean color, boolean unicode) {
        this.color = color;
        this.unicode = unicode;
    }

    /** A style for the given console charset. */
    public static Style forConsole(boolean color, Charset charset) {
        return new Style(color, charset.newEncoder().canEncode("✓✗…—"));
    }

    public boolean unicode() {
        return unicode;
    }

    public String pass() {
        return green(unicode ? "✓" : "+");
    }

    public String fail() {
        return red(unicode ? "✗" : "x");
    }

    public String bullet() {
        return unicode ? "•" : "*";
    }

    public String dash() {
        return unicode ? "—" : "-";
    }

    public String green(String s) {
        return paint("32", s);
    }

    public String red(String s) {
        return paint("31", s);
    }

    public String yellow(String s) {
        return paint("33", s);
    }

    public String bold(String s) {
        return paint("1", s);
    }

    public String dim(String s) {
        return paint("2", s);
    }

    /** Replaces characters the console cannot show. */
    public String text(String s) {
        if (unicode) {
            return s;
        }
        return s.replace('—', '-').replace('–', '-').replace("…", "...").replace('×', 'x').replace('✓', '+')
                .replace('✗', 'x').replace('•', '*');
    }

    private String paint(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
