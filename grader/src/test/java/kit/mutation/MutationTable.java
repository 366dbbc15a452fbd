package kit.mutation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kit.grader.model.Task;

/** The per-task table of a mutation run: mutants, killed, survived, timed out, no coverage, listed, score. */
final class MutationTable {

    private MutationTable() {
    }

    /** A Markdown table, one row per task (the contract's order, then any other task) and a total row. */
    static String render(String title, List<Mutant> mutants, KnownSurvivors listed) {
        Map<String, List<Mutant>> byTask = new LinkedHashMap<>();
        for (Task task : Task.ALL) {
            byTask.put(task.id(), new ArrayList<>());
        }
        for (Mutant m : mutants) {
            byTask.computeIfAbsent(m.task(), id -> new ArrayList<>()).add(m);
        }
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n').append('\n');
        out.append("| task | mutants | killed | survived | timed out | no coverage | not run | listed | killed % |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Mutant>> row : byTask.entrySet()) {
            if (!row.getValue().isEmpty()) {
                out.append(row(row.getKey(), row.getValue(), listed));
            }
        }
        out.append(row("**total**", mutants, listed));
        return out.toString();
    }

    /** The share of {@code mutants} that were killed, in percent (100 for none). */
    static double killedPercent(List<Mutant> mutants) {
        if (mutants.isEmpty()) {
            return 100;
        }
        return 100.0 * mutants.stream().filter(Mutant::killed).count() / mutants.size();
    }

    private static String row(String name, List<Mutant> mutants, KnownSurvivors listed) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f %% |%n", name, mutants.size(),
                count(mutants, Mutant.Outcome.KILLED), count(mutants, Mutant.Outcome.SURVIVED),
                count(mutants, Mutant.Outcome.TIMED_OUT), count(mutants, Mutant.Outcome.NO_COVERAGE),
                count(mutants, Mutant.Outcome.NOT_RUN), mutants.stream().filter(m -> !m.killed() && listed.lists(m)).count(),
                killedPercent(mutants));
    }

    private static long count(List<Mutant> mutants, Mutant.Outcome outcome) {
        return mutants.stream().filter(m -> m.outcome() == outcome).count();
    }
}
