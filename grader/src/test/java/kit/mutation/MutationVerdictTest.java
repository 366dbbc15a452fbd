package kit.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationVerdictTest {

    private static final String EQUIVALENT = "a.B.m | MathMutator | Replaced long addition with subtraction";
    private static final String RACE = "a.B.n | VoidMethodCallMutator | removed call to x::y";

    @TempDir
    Path dir;

    private KnownSurvivors list(String... lines) throws IOException {
        Path file = dir.resolve("survivors.txt");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return KnownSurvivors.read(file);
    }

    private static Mutant mutant(String key, Mutant.Outcome outcome) {
        return new Mutant("task", key, 7, outcome);
    }

    @Test
    @DisplayName("a run agrees with the list when every mutant is killed or listed, and every listed one is missed")
    void agreement() throws IOException {
        KnownSurvivors listed = list("# a comment", EQUIVALENT + " | equivalent: no caller can tell");
        assertThat(MutationVerdict.problems(List.of(mutant(EQUIVALENT, Mutant.Outcome.SURVIVED),
                mutant("a.B.k | X | y", Mutant.Outcome.KILLED)), listed, key -> true)).isEmpty();
    }

    @Test
    @DisplayName("a missed mutant that is not listed is a problem, and a timeout is never a kill")
    void unlistedSurvivorAndTimeout() throws IOException {
        List<String> problems = MutationVerdict.problems(List.of(mutant(EQUIVALENT, Mutant.Outcome.SURVIVED),
                mutant(RACE, Mutant.Outcome.TIMED_OUT)), list(), key -> true);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("survived and not listed: " + EQUIVALENT);
        assertThat(problems.get(1)).startsWith("timed out").contains(RACE);
    }

    @Test
    @DisplayName("a listed mutant that is now killed, or no longer made, is a problem; an 'either' one may be killed")
    void listStaysTrue() throws IOException {
        KnownSurvivors listed = list(EQUIVALENT + " | equivalent: why", RACE + " | either: a narrow race",
                "a.B.gone | X | y | equivalent: why");
        List<String> problems = MutationVerdict.problems(List.of(mutant(EQUIVALENT, Mutant.Outcome.KILLED),
                mutant(RACE, Mutant.Outcome.KILLED)), listed, key -> true);
        assertThat(problems).containsExactly(
                "listed but now killed: " + EQUIVALENT + ". Remove the line from the list: the hidden tests catch it.",
                "listed but no longer made: a.B.gone | X | y. Remove the line from the list.");
        assertThat(MutationVerdict.problems(List.of(), listed, key -> false)).as("keys of the other run").isEmpty();
    }

    @Test
    @DisplayName("a line without a reason, or a mutant listed twice, is refused with its line number")
    void malformedList() {
        assertThatThrownBy(() -> list(EQUIVALENT + " | "))
                .isInstanceOf(IOException.class).hasMessageContaining(":1: expected");
        assertThatThrownBy(() -> list(EQUIVALENT + " | a", EQUIVALENT + " | b"))
                .isInstanceOf(IOException.class).hasMessageContaining(":2: this mutant is listed twice");
    }
}
