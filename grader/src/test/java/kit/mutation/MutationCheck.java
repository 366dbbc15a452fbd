package kit.mutation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * The last step of {@code mvn -B -Pmutation verify}: prints the per-task table of PIT's run over the reference
 * and fails when a mutant is neither killed nor listed in the reviewed list, or a listed one is killed.
 *
 * <p>Arguments: {@code <mutations.xml> <survivors.txt> <table.md>} (the table is also written there, for the
 * docs). Run by the grader module's {@code mutation} profile after the solutions module's PIT run.
 */
public final class MutationCheck {

    private MutationCheck() {
    }

    /** Runs the check; throws (and so fails the Maven build) when the run and the list disagree. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: MutationCheck <mutations.xml> <survivors.txt> <table.md>");
        }
        List<Mutant> mutants = PitReport.read(Paths.get(args[0]));
        KnownSurvivors listed = KnownSurvivors.read(Paths.get(args[1]));
        String table = MutationTable.render("Mutants of the reference (PIT default mutators) and the hidden tests",
                mutants, listed);
        Path tableFile = Paths.get(args[2]);
        Files.createDirectories(tableFile.toAbsolutePath().getParent());
        Files.writeString(tableFile, table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(table);
        System.out.printf(Locale.ROOT, "Killed %.1f %% of %d mutants (a timeout is not a kill). Report:"
                + " solutions/target/pit-reports/index.html; reviewed list: %s%n", MutationTable.killedPercent(mutants),
                mutants.size(), args[1]);
        List<String> problems = MutationVerdict.problems(mutants, listed,
                key -> !key.startsWith(ConcurrencyMutants.KEY_PREFIX));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the mutation run disagrees with the reviewed list " + args[1] + ":\n  - "
                    + String.join("\n  - ", problems));
        }
        System.out.println("Every mutant is killed or listed with its reason.");
    }
}
