package kit.grader.run;

/** Timing lines on standard error when {@code KIT_GRADER_TRACE} is set: for tuning, never for reports. */
public final class Trace {

    private static final boolean ON = System.getenv("KIT_GRADER_TRACE") != null;
    private static final long START = System.nanoTime();

    private Trace() {
    }

    /** Prints {@code what} with the milliseconds since the grader started. */
    public static void log(String what) {
        if (ON) {
            System.err.printf("[trace %6d ms] %s (%s)%n", (System.nanoTime() - START) / 1_000_000, what,
                    Thread.currentThread().getName());
        }
    }
}
