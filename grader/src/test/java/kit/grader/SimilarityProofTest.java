package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kit.grader.compile.StubLibrary;
import kit.grader.find.SourceFile;
import kit.grader.find.SourceFinder;
import kit.grader.find.Submission;
import kit.grader.similarity.SimilarPair;
import kit.grader.similarity.SimilarityEngine;
import kit.grader.similarity.SimilarityInput;
import kit.grader.similarity.SimilarityOptions;
import kit.grader.similarity.SimilarityReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The similarity check on a class made of the reference, every fixture of {@code src/test/fixtures/} (each one
 * its task package only) and three near-copies of one independently written fixture
 * ({@code shared-counter--random-access-file}), generated here: one with renamed variables, one with its
 * methods in another order, one with new comments, renamed variables and reordered methods at once.
 *
 * <p>Most fixtures are the reference with a few lines edited (a planted bug, another pool): they are
 * near-copies of the reference by construction and may be flagged. A pair is <em>independent</em> when
 * the two sides share fewer than half of their distinct source lines; no independent pair may be flagged
 * at the default threshold, apart from the generated near-copies (whose renamed variables change most lines
 * on purpose).
 *
 * <p>Needs the engine's jar ({@code grader/similarity/target/similarity.jar}); the root build makes it before
 * the grader's tests. A build of the grader module alone skips this test.
 */
class SimilarityProofTest {

    private static final String ORIGINAL = "shared-counter--random-access-file";
    private static final String TASK = "shared-counter";
    private static final List<String> COPIES = List.of("copy-renamed", "copy-reordered", "copy-all-three");

    @TempDir
    static Path scratch;

    private static SimilarityReport report;
    private static final Map<String, Submission> SUBMISSIONS = new LinkedHashMap<>();

    @BeforeAll
    static void compareTheClass() throws Exception {
        Path jar;
        try {
            jar = SimilarityEngine.locate(null, Map.of());
        } catch (IOException e) {
            assumeTrue(false, "the similarity engine is not built: " + e.getMessage());
            return;
        }
        SourceFinder finder = new SourceFinder();
        SUBMISSIONS.put("reference", finder.find(Kit.root().resolve("solutions")));
        Path fixtures = Kit.root().resolve("grader/src/test/fixtures");
        try (Stream<Path> list = Files.list(fixtures)) {
            for (Path dir : list.filter(d -> Files.isRegularFile(d.resolve("fixture.properties"))).sorted().toList()) {
                String name = dir.getFileName().toString();
                SUBMISSIONS.put(name, finder.find(packageOnly(dir, name)));
            }
        }
        Path original = fixtures.resolve(ORIGINAL).resolve("src/main/java/concurrency/shared/SharedCounter.java");
        String text = Files.readString(original);
        SUBMISSIONS.put(COPIES.get(0), finder.find(copy(COPIES.get(0), renameVariables(text))));
        SUBMISSIONS.put(COPIES.get(1), finder.find(copy(COPIES.get(1), reorderMembers(text))));
        SUBMISSIONS.put(COPIES.get(2), finder.find(copy(COPIES.get(2),
                reorderMembers(renameVariables(changeComments(text))))));

        List<String> tasks = kit.grader.model.Task.ALL.stream().map(kit.grader.model.Task::id).toList();
        SimilarityInput input = SimilarityInput.write(Files.createDirectories(scratch.resolve("layout")),
                new ArrayList<>(SUBMISSIONS.values()), new ArrayList<>(SUBMISSIONS.keySet()), tasks, StubLibrary.load());
        report = new SimilarityEngine(jar).compare(input, 0.0, SimilarityOptions.DEFAULT_MINIMUM_TOKEN_MATCH);
        System.out.printf("similarity of %d submissions in %d ms%n", SUBMISSIONS.size(), report.durationMillis());
    }

    @Test
    void theNearCopiesAreTheTopPairsOfTheirTaskAndAllFlagged() {
        Set<String> group = new HashSet<>(COPIES);
        group.add(ORIGINAL);
        List<SimilarPair> inTask = report.pairs().stream().filter(p -> p.scope().equals(TASK))
                .sorted((a, b) -> Double.compare(b.similarity(), a.similarity())).toList();
        List<SimilarPair> groupPairs = inTask.stream()
                .filter(p -> group.contains(p.first()) && group.contains(p.second())).toList();
        assertThat(groupPairs).as("pairs among %s in %s", group, TASK).hasSize(6);
        double lowestGroup = groupPairs.stream().mapToDouble(SimilarPair::similarity).min().orElseThrow();
        assertThat(lowestGroup).as("the least similar near-copy pair, against the default threshold")
                .isGreaterThanOrEqualTo(SimilarityOptions.DEFAULT_THRESHOLD);
        for (SimilarPair pair : inTask) {
            boolean inGroup = group.contains(pair.first()) && group.contains(pair.second());
            if (!inGroup && pair.similarity() >= lowestGroup) {
                assertThat(lineOverlap(pair))
                        .as("%s ~ %s (%.2f) ranks with the near-copies; it should be a copy too (shared lines)",
                                pair.first(), pair.second(), pair.similarity())
                        .isGreaterThanOrEqualTo(0.5);
            }
            if (!inGroup && (group.contains(pair.first()) || group.contains(pair.second()))) {
                assertThat(pair.similarity()).as("%s ~ %s: a near-copy against an outsider", pair.first(),
                        pair.second()).isLessThan(lowestGroup);
            }
        }
        assertThat(groupPairs.get(0).matches()).as("matched fragments of the top near-copy pair").isNotEmpty();
        assertThat(groupPairs.get(0).matches().get(0).firstText()).isNotBlank();
    }

    @Test
    void noPairOfIndependentSolutionsIsFlaggedAtTheDefaultThreshold() {
        Set<String> group = new HashSet<>(COPIES);
        group.add(ORIGINAL);
        List<String> flaggedIndependent = new ArrayList<>();
        double highestIndependent = 0;
        for (SimilarPair pair : report.pairs()) {
            if (group.contains(pair.first()) && group.contains(pair.second())) {
                continue;
            }
            double overlap = lineOverlap(pair);
            if (overlap < 0.5) {
                highestIndependent = Math.max(highestIndependent, pair.similarity());
                if (pair.similarity() >= SimilarityOptions.DEFAULT_THRESHOLD) {
                    flaggedIndependent.add(String.format("%s %s ~ %s: %.2f (shared lines %.2f)", pair.scope(),
                            pair.first(), pair.second(), pair.similarity(), overlap));
                }
            }
        }
        System.out.printf("highest similarity of an independent pair: %.2f%n", highestIndependent);
        assertThat(flaggedIndependent).as("independent pairs at or above %.2f", SimilarityOptions.DEFAULT_THRESHOLD)
                .isEmpty();
        assertThat(report.pairs()).as("pairs compared").hasSizeGreaterThan(100);
    }

    @Test
    void theGeneratedCopiesReallyDifferFromTheOriginal() throws IOException {
        String original = content(ORIGINAL);
        for (String copy : COPIES) {
            assertThat(content(copy)).as(copy).isNotEqualTo(original);
        }
        assertThat(content("copy-renamed")).doesNotContain(" file)").contains("fileArg");
        assertThat(content("copy-reordered").indexOf("runProcesses"))
                .isLessThan(content("copy-reordered").indexOf("increment("));
    }

    private static String content(String name) {
        return SUBMISSIONS.get(name).sourcesOf(TASK).stream().map(SourceFile::content).collect(Collectors.joining());
    }

    /** Distinct trimmed non-blank lines the two sides share, over the lines of both (Jaccard). */
    private static double lineOverlap(SimilarPair pair) {
        Set<String> a = lines(pair.first(), pair.scope());
        Set<String> b = lines(pair.second(), pair.scope());
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(b);
        return union.isEmpty() ? 0 : (double) shared.size() / union.size();
    }

    private static Set<String> lines(String name, String scope) {
        Submission s = SUBMISSIONS.get(name);
        List<SourceFile> files = scope.equals(SimilarityInput.ALL) ? s.sources() : s.sourcesOf(scope);
        return files.stream().flatMap(f -> f.content().lines()).map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toSet());
    }

    /**
     * The fixture's own task package as a submission: a fixture written as text replacements
     * ({@code file}, {@code find.N}, {@code replace.N}) is applied to a copy of the reference, and the
     * packages it does not touch are left out, as they are for a fixture that holds its package.
     */
    private static Path packageOnly(Path fixture, String name) {
        java.util.Properties p = Kit.properties(fixture.resolve("fixture.properties"));
        if (p.getProperty("file") == null) {
            return fixture;
        }
        Path dir = Kit.replaced(scratch.resolve("fixture-" + name), name, p);
        Path sources = dir.resolve("src/main/java");
        Path keep = sources.resolve(p.getProperty("file")).getParent();
        try (Stream<Path> packages = Files.list(sources.resolve("concurrency"))) {
            packages.filter(pkg -> !pkg.equals(keep)).forEach(Kit::deleteTree);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    private static Path copy(String name, String text) throws IOException {
        Path dir = scratch.resolve(name);
        Path file = dir.resolve("src/main/java/concurrency/shared/SharedCounter.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return dir;
    }

    /** Renames every parameter and local variable declared as {@code Type name} to {@code nameArg}. */
    static String renameVariables(String text) {
        Matcher m = Pattern.compile("\\b(?:int|long|boolean|byte|double|var|[A-Z]\\w*(?:<[^<>]*>)?(?:\\[\\])?)\\s+"
                + "([a-z]\\w*)\\s*(?=[=;,):])").matcher(text);
        Set<String> names = new HashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        String renamed = text;
        for (String name : names) {
            renamed = renamed.replaceAll("(?<![\\w.\"])" + name + "\\b(?!\\s*\\()", name + "Arg");
        }
        return renamed;
    }

    /**
     * Puts the class's members (each with its Javadoc) in reverse order: the body is cut at blank lines
     * followed by a line indented by exactly four spaces.
     */
    static String reorderMembers(String text) {
        List<String> lines = text.lines().toList();
        int open = 0;
        while (!lines.get(open).matches("^(public |final )*(final )?class .*\\{\\s*$")) {
            open++;
        }
        int close = lines.size() - 1;
        while (!lines.get(close).equals("}")) {
            close--;
        }
        List<List<String>> members = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = open + 1; i < close; i++) {
            String line = lines.get(i);
            boolean cut = line.isBlank() && i + 1 < close && lines.get(i + 1).matches("^ {4}\\S.*");
            if (cut) {
                if (!current.isEmpty()) {
                    members.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        if (!current.isEmpty()) {
            members.add(current);
        }
        Collections.reverse(members);
        List<String> out = new ArrayList<>(lines.subList(0, open + 1));
        for (List<String> member : members) {
            out.add("");
            out.addAll(member);
        }
        out.addAll(lines.subList(close, lines.size()));
        return String.join("\n", out) + "\n";
    }

    /** Replaces the text of every comment. */
    static String changeComments(String text) {
        String blocks = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL).matcher(text)
                .replaceAll("/* Rewritten explanation, in other words. */");
        return blocks.replaceAll("//[^\n]*", "// note in my own words");
    }
}
