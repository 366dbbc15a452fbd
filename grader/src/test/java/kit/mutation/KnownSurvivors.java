package kit.mutation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reviewed list of mutants that the hidden tests are allowed to miss, each with its reason.
 *
 * <p>One mutant per line: {@code <class.method> | <mutator> | <description> | <reason>}; blank lines and lines
 * starting with {@code #} are comments. The first three fields are the mutant's key ({@link Mutant#key()}); a key
 * covers every mutant that has it (the same change on two lines of one method). The reason says why missing it
 * is right: the change is equivalent, or the assignment does not ask for what it breaks, or it only changes
 * printed wording (which is never graded).
 */
final class KnownSurvivors {

    private final Map<String, String> reasons;

    private KnownSurvivors(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    /** Reads the list at {@code file}; a missing file is an empty list. */
    static KnownSurvivors read(Path file) throws IOException {
        Map<String, String> reasons = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new KnownSurvivors(reasons);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(" \\| ", 4);
            if (fields.length < 4 || fields[3].isBlank()) {
                throw new IOException(file + ":" + (i + 1) + ": expected `<class.method> | <mutator> | <description> |"
                        + " <reason>`, but found: " + line);
            }
            String key = fields[0].strip() + " | " + fields[1].strip() + " | " + fields[2].strip();
            if (reasons.put(key, fields[3].strip()) != null) {
                throw new IOException(file + ":" + (i + 1) + ": this mutant is listed twice: " + key);
            }
        }
        return new KnownSurvivors(reasons);
    }

    /** Whether {@code mutant} is listed. */
    boolean lists(Mutant mutant) {
        return reasons.containsKey(mutant.key());
    }

    /**
     * Whether {@code key} is listed as "either": whether a hidden test notices it depends on the machine's load or
     * on how threads interleave (a slower but equivalent mutant, a race with a narrow window); killing it is then
     * not a contradiction.
     */
    boolean mayBeKilled(String key) {
        return reasons.getOrDefault(key, "").startsWith("either");
    }

    /** The listed keys, in file order. */
    List<String> keys() {
        return new ArrayList<>(reasons.keySet());
    }
}
