package kit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Records what is printed to {@code System.out} while a test runs (and still passes it on), so that a test can
 * check the progress lines an assignment asks for.
 *
 * <p>Only the line's key word (ignoring case) and the name it must mention are checked, never the exact wording:
 * {@code Downloading https://a...} and {@code downloading https://a} both count. Use it in a
 * try-with-resources block; closing puts the previous {@code System.out} back.
 */
public final class PrintedLines implements AutoCloseable {

    /** At most this much of the printed output is kept (the rest is still passed on). */
    private static final int CAP = 64 * 1024;

    /** How long a missing line is waited for before the test fails. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final PrintStream previous;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    private PrintedLines() {
        previous = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                keep(new byte[] {(byte) b}, 0, 1);
                previous.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                keep(b, off, len);
                previous.write(b, off, len);
            }

            @Override
            public void flush() {
                previous.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** Starts recording {@code System.out}. */
    public static PrintedLines record() {
        return new PrintedLines();
    }

    private void keep(byte[] b, int off, int len) {
        synchronized (kept) {
            kept.write(b, off, Math.max(0, Math.min(len, CAP - kept.size())));
        }
    }

    /** The lines printed so far. */
    public List<String> lines() {
        System.out.flush();
        String text;
        synchronized (kept) {
            text = kept.toString(StandardCharsets.UTF_8);
        }
        return text.lines().collect(Collectors.toList());
    }

    /**
     * Fails the test unless some printed line contains {@code word} (ignoring case) and {@code name}.
     *
     * @param scenario the call as a student would write it, e.g. {@code download("https://a", 50 ms)}
     * @param expected the line the assignment asks for, e.g. {@code Downloading https://a...}
     */
    public void expectLine(String scenario, String expected, String word, String name) throws InterruptedException {
        // A line printed by a callback that runs just after a future completed may come a moment late: wait for
        // it a little (correct code never waits here: its line is already there).
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<String> lines = lines();
        while (!contains(lines, word, name) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            lines = lines();
        }
        if (!contains(lines, word, name)) {
            fail(scenario + " should print the line \"" + expected + "\" to System.out, but "
                    + (lines.isEmpty() ? "printed nothing" : "printed only " + shown(lines))
                    + ". The assignment asks for the lesson's progress lines (only the word \"" + word
                    + "\" and the name are checked, not the exact wording).");
        }
    }

    private static boolean contains(List<String> lines, String word, String name) {
        return lines.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT))
                && line.contains(name));
    }

    private static String shown(List<String> lines) {
        List<String> first = lines.subList(0, Math.min(lines.size(), 8));
        return first.stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(", "))
                + (lines.size() > first.size() ? " and " + (lines.size() - first.size()) + " more lines" : "");
    }

    /** Puts the previous {@code System.out} back. */
    @Override
    public void close() {
        System.out.flush();
        System.setOut(previous);
    }
}
