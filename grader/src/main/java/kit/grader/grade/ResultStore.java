package kit.grader.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import kit.grader.Main;
import kit.grader.model.SubmissionResult;
import kit.grader.report.AtomicFiles;
import kit.grader.report.JsonReport;
import kit.grader.report.JsonReportReader;

/**
 * The results directory of a class run: one file per submission, {@code <name>.json}, written the moment the
 * submission is graded, so that an interrupted run loses only the submissions that were still running.
 *
 * <p>Each file is exactly {@link JsonReport}'s report of one submission (what {@link JsonReportReader} and
 * {@code ./grade merge} read) with one extra object, {@code "resume"}, which says what the result was graded
 * from: the absolute submission directory, a hash of every file in it ({@code sourceHash}), a hash of the
 * effective configuration ({@code configHash}: tasks, points, limits) and of the grader itself
 * ({@code graderHash}: its classes and hidden tests, which also hold the protected template files). A later
 * run with {@code --resume} reuses a file only when all four still match; anything else is graded again.
 */
public final class ResultStore {

    private final Path dir;
    private final String configHash;
    private final String graderHash;
    private final JsonReport report;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A store in {@code dir} for results graded with {@code settings}. */
    public ResultStore(Path dir, GradeSettings settings) {
        this.dir = dir.toAbsolutePath().normalize();
        this.configHash = configHash(settings);
        this.graderHash = GraderFingerprint.HASH;
        this.report = new JsonReport(settings.keepOutput());
    }

    /** The directory the results are kept in. */
    public Path directory() {
        return dir;
    }

    /**
     * The file a submission's result is kept in: its directory's name made file-system-safe, and when two
     * submissions of the class share a name, the second one gets {@code -2} (so {@code names} is the class's
     * directories in command-line order).
     */
    public static List<String> fileNames(List<Path> dirs) {
        Map<String, Integer> seen = new TreeMap<>();
        List<String> names = new ArrayList<>();
        for (Path d : dirs) {
            Path name = d.toAbsolutePath().normalize().getFileName();
            String base = (name == null ? "root" : name.toString()).replaceAll("[^\\p{L}\\p{N}._-]", "_");
            if (base.isEmpty() || base.startsWith(".")) {
                base = "_" + base;
            }
            int n = seen.merge(base.toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            names.add((n == 1 ? base : base + "-" + n) + ".json");
        }
        return names;
    }

    /** Keeps {@code result} of the submission in {@code submissionDir} as {@code fileName}, atomically. */
    public void save(String fileName, Path submissionDir, String sourceHash, SubmissionResult result)
            throws IOException {
        ObjectNode node = report.node(result);
        ObjectNode resume = node.putObject("resume");
        resume.put("directory", submissionDir.toAbsolutePath().normalize().toString());
        resume.put("sourceHash", sourceHash);
        resume.put("configHash", configHash);
        resume.put("graderHash", graderHash);
        AtomicFiles.write(dir.resolve(fileName), w -> mapper.writeValue(w, node));
    }

    /**
     * The kept result of the submission in {@code submissionDir} when it is still valid: same directory,
     * same sources, same configuration, same grader. Empty when there is none, it is unreadable, or anything
     * differs.
     */
    public Optional<SubmissionResult> reusable(String fileName, Path submissionDir, String sourceHash) {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = mapper.readTree(file.toFile());
            JsonNode resume = root == null ? null : root.get("resume");
            if (resume == null
                    || !submissionDir.toAbsolutePath().normalize().toString().equals(resume.path("directory").asText())
                    || !sourceHash.equals(resume.path("sourceHash").asText())
                    || !configHash.equals(resume.path("configHash").asText())
                    || !graderHash.equals(resume.path("graderHash").asText())) {
                return Optional.empty();
            }
            return Optional.of(new JsonReportReader().submission(root, file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A hash of every regular file under {@code submissionDir} (its path and content), {@code .git} aside:
     * more than the grader reads, so any change that could change a verdict regrades the submission.
     */
    public static String sourceHash(Path submissionDir) throws IOException {
        MessageDigest digest = sha256();
        Path root = submissionDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return "missing";
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).toString().replace('\\', '/').matches("(.*/)?\\.git(/.*)?"))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : files) {
            digest.update(root.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[65536];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A hash of what decides the grades besides the sources: the tasks, their points, the limits. */
    static String configHash(GradeSettings settings) {
        StringBuilder text = new StringBuilder();
        text.append("tasks=").append(settings.tasks());
        text.append("\npoints=").append(new TreeMap<>(settings.config().tasks()));
        Map<String, Map<String, Double>> tests = new TreeMap<>();
        settings.config().testPoints().forEach((task, points) -> tests.put(task, new TreeMap<>(points)));
        text.append("\ntestPoints=").append(tests);
        text.append("\ntestSeconds=").append(settings.config().testSeconds());
        text.append("\nsubmissionSeconds=").append(settings.config().submissionSeconds());
        text.append("\nlimits=").append(settings.limits());
        text.append("\nkeepOutput=").append(settings.keepOutput());
        return HexFormat.of().formatHex(sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The grader's own fingerprint: its jar (or classes directory, hidden tests included), hashed once. */
    static final class GraderFingerprint {
        static final String HASH = compute();

        private static String compute() {
            try {
                Path own = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return hashOf(own);
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return "unknown-" + System.nanoTime();
            }
        }

        private static String hashOf(Path own) throws IOException {
            if (Files.isDirectory(own)) {
                return sourceHash(own);
            }
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(own)) {
                byte[] buffer = new byte[65536];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
