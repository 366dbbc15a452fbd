package kit.mutation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough Java lexing for the kit's operators: where code is, where a bracket closes, where {@code main} is. */
final class JavaCode {

    private static final Pattern MAIN = Pattern.compile("\\bstatic\\s+void\\s+main\\s*\\(");

    private JavaCode() {
    }

    /** {@code source} with every comment and string or character literal replaced by spaces (same length, same lines). */
    static String maskCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            int end;
            if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
                end = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(source.length(), end + 1);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    /** The index of the parenthesis that closes the one at {@code open} in masked {@code code}. */
    static int closingParenthesis(String code, int open) {
        return closing(code, open, '(', ')');
    }

    /**
     * The body of the first {@code static void main(…)} method in masked {@code code}, as {@code [start, end)}
     * inside its braces, or {@code null} when the class has none.
     */
    static int[] mainBody(String code) {
        Matcher m = MAIN.matcher(code);
        if (!m.find()) {
            return null;
        }
        int open = code.indexOf('{', closingParenthesis(code, m.end() - 1));
        return new int[] {open + 1, closing(code, open, '{', '}')};
    }

    private static int closing(String code, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == opening) {
                depth++;
            } else if (code.charAt(i) == closing && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no closing " + closing + " for the " + opening + " at " + open);
    }
}
