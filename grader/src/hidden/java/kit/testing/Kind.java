package kit.testing;

/** What a hidden test checks; the grader reports it as {@code correctness}, {@code timing} or {@code api}. */
public enum Kind {
    /** The behaviour the contract promises: results, order, counts, exceptions, shutdown. */
    CORRECTNESS,
    /** How long the work takes, as a ratio of the simulated latencies with generous margins. */
    TIMING,
    /** Which Java tools the code uses (ArchUnit and bytecode checks). */
    API;

    /** The name used in reports: {@code correctness}, {@code timing} or {@code api}. */
    public String reportName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
