package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The kit's layout, test submissions built from the reference solutions, and running the grader in-process. */
final class Kit {

    private Kit() {
    }

    /** The kit's root (holds pom.xml, exercises/, solutions/). */
    static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("exercises")) && Files.isDirectory(dir.resolve("solutions"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the kit's root above " + Paths.get("").toAbsolutePath());
    }

    static Path solutions() {
        return root().resolve("solutions");
    }

    static Path exercises() {
        return root().resolve("exercises");
    }

    /** A copy of the reference solutions' sources as a submission in {@code dir}. */
    static Path referenceCopy(Path dir) {
        copyTree(solutions().resolve("src/main/java"), dir.resolve("src/main/java"));
        return dir;
    }

    /** A copy of the reference in {@code dir} whose package {@code pkgDir} (e.g. concurrency/counter) is replaced. */
    static Path overlay(Path dir, String pkgDir, Path replacement) {
        referenceCopy(dir);
        Path target = dir.resolve("src/main/java").resolve(pkgDir);
        deleteTree(target);
        copyTree(replacement, target);
        return dir;
    }

    /** A copy of the reference in {@code dir} with a golden patch applied (see src/test/golden/). */
    static Path patched(Path dir, String golden) {
        Properties p = properties(root().resolve("grader/src/test/golden").resolve(golden).resolve("patch.properties"));
        referenceCopy(dir);
        Path file = dir.resolve("src/main/java").resolve(p.getProperty("file"));
        try {
            String text = Files.readString(file);
            String after = p.getProperty("after");
            assertThat(text).as("golden '%s': %s should contain '%s'; update patch.properties", golden, file, after)
                    .contains(after);
            Files.writeString(file, text.replace(after, after + "\n        " + p.getProperty("insert") + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * A copy of the reference in {@code dir} with text replaced in one file: the smallest fixture format. {@code p}
     * holds {@code file} (relative to src/main/java) and numbered pairs {@code find.1}/{@code replace.1},
     * {@code find.2}/{@code replace.2}, …; each {@code find} must occur in the reference exactly once.
     */
    static Path replaced(Path dir, String name, Properties p) {
        referenceCopy(dir);
        Path file = dir.resolve("src/main/java").resolve(p.getProperty("file"));
        try {
            String text = Files.readString(file);
            for (int i = 1; p.containsKey("find." + i); i++) {
                String find = p.getProperty("find." + i);
                int at = text.indexOf(find);
                assertThat(at >= 0 && text.indexOf(find, at + 1) < 0)
                        .as("fixture '%s': find.%d should occur exactly once in %s; update fixture.properties", name, i,
                                p.getProperty("file"))
                        .isTrue();
                text = text.replace(find, p.getProperty("replace." + i, ""));
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static Properties properties(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one run of the grader printed and returned. */
    record Run(int status, String out, String err) {
    }

    /** Runs the grader in this JVM (its test JVMs are separate processes) with {@code args}. */
    static Run grade(String... args) {
        return grade(System.getenv(), args);
    }

    /** Runs the grader with the given environment. */
    static Run grade(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(env, new PrintWriter(out), new PrintWriter(err), withScratchResults(args));
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * A class run keeps every result in a results directory, by default {@code grade-results/} in the working
     * directory when there is no {@code --csv}; tests give it a fresh temporary one instead, so that no run
     * writes into the kit (AttacksTest checks that nothing outside a scratch space changes).
     */
    private static String[] withScratchResults(String... args) {
        kit.grader.cli.Options options;
        try {
            options = new kit.grader.cli.CommandLineParser().parse(args).options();
        } catch (Exception | Error notParsed) {
            return args;
        }
        if (options == null || !options.classMode() || options.results() != null || options.csv() != null) {
            return args;
        }
        try {
            Path results = Files.createTempDirectory("kit-test-results");
            results.toFile().deleteOnExit();
            String[] with = java.util.Arrays.copyOf(args, args.length + 2);
            with[args.length] = "--results";
            with[args.length + 1] = results.toString();
            return with;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
