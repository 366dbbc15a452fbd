package kit.mutation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Compares the mutants of a run with the reviewed list: every mutant must be killed or listed, and every listed
 * mutant must still exist and still be missed (so the list stays true).
 */
final class MutationVerdict {

    private MutationVerdict() {
    }

    /**
     * The problems, one readable line each; empty when the run agrees with the list.
     *
     * @param mutants the mutants of this run
     * @param listed the reviewed list
     * @param belongsToRun which listed keys belong to this run (the list holds PIT's mutants and the kit's
     *     concurrency mutants)
     */
    static List<String> problems(List<Mutant> mutants, KnownSurvivors listed, Predicate<String> belongsToRun) {
        List<String> problems = new ArrayList<>();
        for (Mutant m : mutants) {
            if (!m.killed() && !listed.lists(m)) {
                problems.add(describe(m.outcome()) + " and not listed: " + m.key() + " (line " + m.line() + ", task "
                        + m.task() + "). Kill it with a hidden test of a requirement the stub's Javadoc states, or list it"
                        + " with its reason.");
            }
        }
        Set<String> missed = mutants.stream().filter(m -> !m.killed()).map(Mutant::key).collect(Collectors.toSet());
        Set<String> seen = mutants.stream().map(Mutant::key).collect(Collectors.toSet());
        for (String key : listed.keys()) {
            if (!belongsToRun.test(key)) {
                continue;
            }
            if (!seen.contains(key)) {
                problems.add("listed but no longer made: " + key + ". Remove the line from the list.");
            } else if (!missed.contains(key) && !listed.mayBeKilled(key)) {
                problems.add("listed but now killed: " + key + ". Remove the line from the list: the hidden tests catch it.");
            }
        }
        return problems;
    }

    private static String describe(Mutant.Outcome outcome) {
        switch (outcome) {
            case SURVIVED:
                return "survived";
            case TIMED_OUT:
                return "timed out (a timeout is not a kill: the test should notice within its own bounded wait)";
            case NO_COVERAGE:
                return "not covered by any hidden test";
            default:
                return "could not be run";
        }
    }
}
