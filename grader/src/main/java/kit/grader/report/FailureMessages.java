package kit.grader.report;

import java.util.regex.Pattern;

/**
 * Groups failure messages so that the same mistake counts once on the class page: the parts of a message that
 * differ from run to run or student to student are masked. In this order: file paths ({@code /tmp/x/Foo.java}
 * becomes {@code <path>}), object hashes and hexadecimal ids ({@code Foo@1b6d3586}, {@code 0x7f3a}) become
 * {@code <hex>}, and every remaining number, with or without a unit ({@code 1203 ms}, {@code 2.5s},
 * {@code pool-3-thread-7}), becomes {@code <n>}. So "expected 100 but was 97" and "expected 100 but was 98"
 * are one group, shown with how many students hit it and one real message as an example.
 */
final class FailureMessages {

    /** Longest example message shown; the rest is cut with an ellipsis. */
    static final int EXAMPLE_LENGTH = 300;

    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[/\\\\][\\w.$-]+){2,}[/\\\\]?");
    private static final Pattern HEX = Pattern.compile("@[0-9a-fA-F]{4,}\\b|\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-f]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile(
            "\\d+(?:[.,]\\d+)*(?:\\s?(?:ns|µs|us|ms|s|min|h)\\b)?");

    private FailureMessages() {
    }

    /** The message with its varying parts masked. */
    static String normalise(String message) {
        String s = PATH.matcher(message).replaceAll("<path>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        return shorten(s.strip());
    }

    /** At most {@link #EXAMPLE_LENGTH} characters. */
    static String shorten(String message) {
        return message.length() <= EXAMPLE_LENGTH ? message : message.substring(0, EXAMPLE_LENGTH - 1) + "…";
    }
}
