package kit.mutation;

/**
 * One mutant of the reference solutions and what the hidden tests made of it.
 *
 * @param task the task id whose package holds the mutated class, e.g. {@code pipeline}
 * @param key the mutant's stable name in the reviewed list of survivors: class and method, mutator, description
 *     (no line number, so that editing the reference elsewhere does not rename it)
 * @param line the mutated line, for people reading the table
 * @param outcome what the hidden tests did with it
 */
record Mutant(String task, String key, int line, Outcome outcome) {

    /** What the hidden tests made of a mutant. */
    enum Outcome {
        /** A hidden test failed: the change was noticed. */
        KILLED,
        /** Every hidden test passed: the change went unnoticed. */
        SURVIVED,
        /** The tests were stopped by the mutation tool's time limit: NOT a kill (a test must bound its own waits). */
        TIMED_OUT,
        /** No hidden test ran the mutated line. */
        NO_COVERAGE,
        /** The mutant could not be run (it did not compile, or the test JVM broke). */
        NOT_RUN
    }

    /** Whether the hidden tests noticed the change: killed, and nothing else counts. */
    boolean killed() {
        return outcome == Outcome.KILLED;
    }
}
