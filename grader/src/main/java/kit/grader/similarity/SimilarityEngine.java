package kit.grader.similarity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the similarity engine (JPlag, in its own jar: GPL-3.0, kept out of grader.jar) as a separate
 * process on a {@link SimilarityInput}, and reads its JSON answer into a {@link SimilarityReport}.
 *
 * <p>The child only reads the Java files laid out for it (it parses them; it never compiles or runs them),
 * gets a heap limit and a wall-clock limit, and is killed when it overruns.
 */
public final class SimilarityEngine {

    /** The environment variable naming the engine's jar, when {@code --similarity-jar} is not given. */
    public static final String JAR_VARIABLE = "GRADER_SIMILARITY_JAR";

    /** The wall-clock limit for one run of the engine over a class. */
    public static final long TIMEOUT_SECONDS = 600;

    private final Path jar;

    public SimilarityEngine(Path jar) {
        this.jar = jar;
    }

    /**
     * Finds the engine's jar: {@code explicit} (the option), else {@code $GRADER_SIMILARITY_JAR}, else
     * {@code similarity.jar} next to grader.jar, else the kit's build output {@code grader/similarity/target/}.
     *
     * @throws IOException saying where it looked and how to build it, when there is none
     */
    public static Path locate(Path explicit, Map<String, String> env) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(explicit);
        } else if (env.get(JAR_VARIABLE) != null && !env.get(JAR_VARIABLE).isBlank()) {
            candidates.add(Path.of(env.get(JAR_VARIABLE)));
        } else {
            Path here = graderLocation();
            if (here != null) {
                // grader/target/grader.jar or grader/target/classes: both give grader/target
                Path dir = here.getParent();
                if (dir != null) {
                    candidates.add(dir.resolve("similarity.jar"));
                    Path grader = dir.getParent();
                    if (grader != null) {
                        candidates.add(grader.resolve("similarity/target/similarity.jar"));
                    }
                }
            }
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("the similarity engine's jar (similarity.jar) was not found (looked at "
                + candidates + "); build it with: mvn -B -q -DskipTests -pl grader/similarity package "
                + "(./grade builds it when --similarity is given), or point --similarity-jar or $"
                + JAR_VARIABLE + " at it");
    }

    private static Path graderLocation() {
        try {
            return Path.of(SimilarityEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception | Error e) {
            return null;
        }
    }

    /** Compares the laid-out submissions; pairs under {@code threshold} are left out. */
    public SimilarityReport compare(SimilarityInput input, double threshold, int minimumTokenMatch)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("threshold", threshold);
        request.put("minimumTokenMatch", minimumTokenMatch);
        List<Map<String, String>> scopes = new ArrayList<>();
        for (SimilarityInput.Scope scope : input.scopes()) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("scope", scope.scope());
            s.put("submissions", scope.submissions().toString());
            s.put("baseCode", scope.baseCode() == null ? null : scope.baseCode().toString());
            scopes.add(s);
        }
        request.put("scopes", scopes);
        Path requestFile = input.root().resolve("request.json");
        Path responseFile = input.root().resolve("response.json");
        Path errorFile = input.root().resolve("engine-errors.txt");
        json.writeValue(requestFile.toFile(), request);

        Process process = new ProcessBuilder(javaCommand(), "-Xmx2g", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-jar", jar.toString(), requestFile.toString())
                .directory(input.root().toFile())
                .redirectOutput(responseFile.toFile())
                .redirectError(errorFile.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IOException("the similarity engine took more than " + TIMEOUT_SECONDS + " s and was stopped");
        }
        if (process.exitValue() != 0) {
            throw new IOException("the similarity engine failed (exit status " + process.exitValue() + "): "
                    + lastLines(errorFile));
        }
        Response response = json.readValue(responseFile.toFile(), Response.class);
        List<SimilarPair> pairs = new ArrayList<>();
        for (SimilarPair p : response.pairs()) {
            pairs.add(new SimilarPair(p.scope(), input.nameOf(p.first()), input.nameOf(p.second()), p.similarity(),
                    p.matches()));
        }
        List<String> notes = response.notes().stream().map(note -> renameIds(note, input)).toList();
        return new SimilarityReport(response.engine(), threshold, pairs,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), notes);
    }

    private static String renameIds(String note, SimilarityInput input) {
        return note.replace(input.root().toString(), "");
    }

    /** The engine's answer (see the similarity module's SimilarityResponse). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Response(String engine, List<SimilarPair> pairs, List<String> notes) {
    }

    private static String javaCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    private static String lastLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no error output)";
        }
    }
}
