package kit.testing;

import java.time.Duration;

/** Measures wall time for the few checks where time itself is the point. */
public final class Stopwatch {

    private final long start = System.nanoTime();

    private Stopwatch() {
    }

    /** Starts a stopwatch now. */
    public static Stopwatch start() {
        return new Stopwatch();
    }

    /** Time since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Milliseconds since the start. */
    public long millis() {
        return elapsed().toMillis();
    }
}
