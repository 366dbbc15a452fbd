package kit.grader.protect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import kit.grader.PackagedFiles;

/**
 * The template's protected files as the grader was built with them: for each path (relative to the template's
 * root, e.g. {@code src/test/java/concurrency/download/DownloaderTest.java}) the SHA-256 of its content with
 * line endings normalised to LF, so that a Windows checkout ({@code core.autocrlf}) is not a change.
 *
 * <p>The build copies {@code exercises/pom.xml}, {@code exercises/src/test/**} and {@code exercises/.github/**}
 * into the grader under {@code kit/grader/template/exercises/} (see grader/pom.xml), together with the
 * reference module's {@code pom.xml} and the alternative Classroom workflows of {@code docs/classroom/}. A
 * submission's workflow equal to one of those alternatives is not a change: the instructor's guide offers them
 * in place of the template's.
 */
public final class TemplateFiles {

    /** The workflow an instructor may replace with one of the kit's alternatives. */
    static final String WORKFLOW = ".github/workflows/classroom.yml";

    private static final String RESOURCE = "/kit/grader/template";
    private static volatile TemplateFiles packaged;

    private final Map<String, Set<String>> accepted;
    private final String referencePom;

    private TemplateFiles(Map<String, Set<String>> accepted, String referencePom) {
        this.accepted = accepted;
        this.referencePom = referencePom;
    }

    /** The template files packaged with the grader (from grader.jar or target/classes), read once. */
    public static TemplateFiles packaged() {
        TemplateFiles loaded = packaged;
        if (loaded == null) {
            loaded = load();
            packaged = loaded;
        }
        return loaded;
    }

    private static TemplateFiles load() {
        var url = TemplateFiles.class.getResource(RESOURCE + "/exercises/pom.xml");
        if (url == null) {
            throw new IllegalStateException("the grader was built without the template's protected files ("
                    + RESOURCE.substring(1) + "/exercises; see grader/pom.xml)");
        }
        try {
            Path root = PackagedFiles.path(url.toURI()).getParent().getParent();
            return read(root.resolve("exercises"), root.resolve("solutions/pom.xml"),
                    files(root.resolve("workflow-alternatives")));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the template's protected files packaged with the grader: "
                    + e, e);
        }
    }

    /**
     * Reads a template from disk: its protected files under {@code template}, the reference module's build file
     * {@code referencePom}, and workflows accepted in place of the template's.
     */
    public static TemplateFiles read(Path template, Path referencePom, List<Path> workflowAlternatives)
            throws IOException {
        Map<String, Set<String>> accepted = new TreeMap<>();
        Path pom = template.resolve("pom.xml");
        if (Files.isRegularFile(pom)) {
            accepted.put("pom.xml", new HashSet<>(Set.of(digest(Files.readAllBytes(pom)))));
        }
        for (String dir : ProtectedFileCheck.PROTECTED_DIRS) {
            Path base = template.resolve(dir);
            if (!Files.isDirectory(base)) {
                continue;
            }
            for (Path file : files(base)) {
                String relative = dir + "/" + base.relativize(file).toString().replace('\\', '/');
                accepted.put(relative, new HashSet<>(Set.of(digest(Files.readAllBytes(file)))));
            }
        }
        if (accepted.containsKey(WORKFLOW)) {
            for (Path alternative : workflowAlternatives) {
                accepted.get(WORKFLOW).add(digest(Files.readAllBytes(alternative)));
            }
        }
        Map<String, Set<String>> frozen = new LinkedHashMap<>();
        accepted.forEach((path, digests) -> frozen.put(path, Set.copyOf(digests)));
        String reference = Files.isRegularFile(referencePom) ? digest(Files.readAllBytes(referencePom)) : "";
        return new TemplateFiles(frozen, reference);
    }

    /** The protected paths of the template, sorted. */
    public Set<String> paths() {
        return accepted.keySet();
    }

    /** Whether {@code content} is an accepted version of the template's {@code path}. */
    public boolean accepts(String path, byte[] content) {
        Set<String> digests = accepted.get(path);
        return digests != null && digests.contains(digest(content));
    }

    /** Whether {@code content} is the kit's reference module's {@code pom.xml} (solutions/, not a student's repository). */
    public boolean isReferencePom(byte[] content) {
        return !referencePom.isEmpty() && referencePom.equals(digest(content));
    }

    /** SHA-256 (hex) of {@code content} with CRLF and lone CR line endings read as LF. */
    static String digest(byte[] content) {
        byte[] normalised = new byte[content.length];
        int n = 0;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == '\r') {
                normalised[n++] = '\n';
                if (i + 1 < content.length && content[i + 1] == '\n') {
                    i++;
                }
            } else {
                normalised[n++] = b;
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(normalised, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
