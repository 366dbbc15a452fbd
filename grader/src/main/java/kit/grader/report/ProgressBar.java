package kit.grader.report;

import java.io.PrintWriter;

/** A one-line progress bar with an estimate of the time left, redrawn in place on a terminal. */
public final class ProgressBar {

    private final PrintWriter out;
    private final int total;
    private final long start = System.nanoTime();
    private final Style style;

    public ProgressBar(PrintWriter out, int total, Style style) {
        this.out = out;
        this.total = total;
        this.style = style;
    }

    /** Shows that {@code done} of the submissions are graded. */
    public synchronized void update(int done) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        String eta = done == 0 ? "--:--" : clock(elapsed * (total - done) / done);
        String bar = style.unicode() ? "█".repeat(filled) + "░".repeat(width - filled)
                : "#".repeat(filled) + "-".repeat(width - filled);
        out.print("\r  grading " + bar + " " + done + "/" + total + "  elapsed " + clock(elapsed) + "  ETA " + eta
                + "   ");
        out.flush();
    }

    /** Clears the bar's line. */
    public synchronized void finish() {
        out.print("\r" + " ".repeat(90) + "\r");
        out.flush();
    }

    private static String clock(long millis) {
        long s = millis / 1000;
        return String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
