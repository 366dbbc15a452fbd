package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kit.grader.model.SubmissionResult;
import kit.grader.report.JsonReportReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class run that is killed part-way keeps every submission it finished, intact, and {@code --resume} then
 * grades only the rest and ends with the CSV of an uninterrupted run; a resumed run regrades exactly what
 * changed. The killed runs are real grader processes ({@code java -cp … kit.grader.Main}); the class is small
 * and grades one task ({@code counter}) with fixtures whose verdicts do not depend on luck.
 */
class ClassRunResumeTest {

    /** Fixtures (for task counter) whose scores are the same in every run: no race decides them. */
    private static final List<String> FIXTURES = List.of("counter--atomic-long", "counter--semaphore-lock",
            "counter--synchronized-methods", "counter--read-write-lock");

    @TempDir
    static Path shared;

    private static List<Path> submissions;
    private static String uninterruptedCsv;

    @BeforeAll
    static void gradeUninterrupted() throws IOException {
        submissions = new ArrayList<>();
        submissions.add(Kit.referenceCopy(shared.resolve("class/reference")));
        for (String fixture : FIXTURES) {
            Path from = Kit.root().resolve("grader/src/test/fixtures").resolve(fixture)
                    .resolve("src/main/java/concurrency/counter");
            submissions.add(Kit.overlay(shared.resolve("class").resolve(fixture), "concurrency/counter", from));
        }
        Path csv = shared.resolve("uninterrupted/grades.csv");
        Kit.Run run = Kit.grade(args(csv, "--jobs", "2"));
        assertThat(run.status()).as("the uninterrupted run's status; stderr: %s", run.err()).isZero();
        uninterruptedCsv = Files.readString(csv);
        assertThat(uninterruptedCsv.lines()).as("a header and a row per submission").hasSize(submissions.size() + 1);
    }

    @Test
    void killedRunKeepsWhatFinishedAndResumesToTheSameCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("grades.csv");
        Process grader = startGrader(dir, csv);
        Path results = dir.resolve("grades.csv.results");
        waitForResults(grader, results, 1);
        grader.destroyForcibly(); // SIGKILL: no handler, no hook runs
        assertThat(grader.waitFor(30, TimeUnit.SECONDS)).as("the killed grader exits").isTrue();

        int kept = assertIntact(results);
        assertThat(csv).as("a killed run writes no class report").doesNotExist();

        Kit.Run resumed = Kit.grade(resumeArgs(csv));
        assertThat(resumed.status()).as("the resumed run's status; stderr: %s", resumed.err()).isZero();
        assertThat(resumed.err()).as("the resumed run says how many results it reused")
                .containsPattern("reused (\\d+) of " + submissions.size());
        assertThat(reusedCount(resumed.err())).as("results reused after SIGKILL (%s kept)", kept)
                .isGreaterThanOrEqualTo(kept);
        assertThat(Files.readString(csv)).as("the resumed CSV equals the uninterrupted run's").isEqualTo(uninterruptedCsv);
    }

    @Test
    void terminatedRunStopsCleanlyWithStatus3AndTheResumeCommand(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("grades.csv");
        Process grader = startGrader(dir, csv);
        Path results = dir.resolve("grades.csv.results");
        waitForResults(grader, results, 1);
        grader.destroy(); // SIGTERM
        assertThat(grader.waitFor(60, TimeUnit.SECONDS)).as("the grader stops within a minute of SIGTERM").isTrue();
        String err = Files.readString(dir.resolve("stderr.txt"));
        if (grader.exitValue() == 0) {
            return; // it finished the whole class before the signal came: nothing to resume (a slow machine)
        }
        assertThat(grader.exitValue()).as("exit status of a stopped class run; stderr: %s", err)
                .isEqualTo(Main.EXIT_INTERRUPTED);
        assertThat(err).as("what the stopped run printed").contains("stopped by SIGTERM")
                .contains("--csv " + csv).contains(" --resume");
        int kept = assertIntact(results);
        assertThat(err).as("the count of kept results").contains(kept + " of " + submissions.size());
        try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
            assertThat(left.toList()).as("scratch directories left by the stopped grader").isEmpty();
        }

        Kit.Run resumed = Kit.grade(resumeArgs(csv));
        assertThat(resumed.status()).as("the resumed run's status; stderr: %s", resumed.err()).isZero();
        assertThat(reusedCount(resumed.err())).as("results reused after SIGTERM").isEqualTo(kept);
        assertThat(Files.readString(csv)).as("the resumed CSV equals the uninterrupted run's").isEqualTo(uninterruptedCsv);
    }

    @Test
    void resumeRegradesExactlyTheChangedSubmissionAndEverythingAfterAConfigChange(@TempDir Path dir)
            throws Exception {
        List<Path> three = submissions.subList(0, 3);
        Path csv = dir.resolve("grades.csv");
        Path results = dir.resolve("grades.csv.results");
        Kit.Run first = Kit.grade(classArgs(three, csv, "--jobs", "2"));
        assertThat(first.status()).as("first run; stderr: %s", first.err()).isZero();
        Map<String, FileTime> before = modified(results);
        assertThat(before).hasSize(3);

        Path changed = three.get(1);
        Path source;
        try (Stream<Path> files = Files.walk(changed.resolve("src/main/java/concurrency/counter"))) {
            source = files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow();
        }
        Files.writeString(source, Files.readString(source) + "\n// changed after the first run\n");
        Kit.Run second = Kit.grade(classArgs(three, csv, "--jobs", "2", "--resume"));
        assertThat(second.status()).as("second run; stderr: %s", second.err()).isZero();
        assertThat(reusedCount(second.err())).as("reused after changing one source; stderr: %s", second.err())
                .isEqualTo(2);
        Map<String, FileTime> after = modified(results);
        for (String name : before.keySet()) {
            boolean regraded = !after.get(name).equals(before.get(name));
            assertThat(regraded).as("%s regraded (only %s changed)", name, changed.getFileName())
                    .isEqualTo(name.equals(changed.getFileName() + ".json"));
        }

        Kit.Run third = Kit.grade(classArgs(three, csv, "--jobs", "2", "--resume", "--test-timeout", "9"));
        assertThat(third.status()).as("third run; stderr: %s", third.err()).isZero();
        assertThat(reusedCount(third.err())).as("reused after changing --test-timeout; stderr: %s", third.err())
                .isZero();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a run with the sandbox regrades results kept by a run without one; a run without one reuses them")
    void resumeRegradesWhatRanWithoutTheSandbox(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(kit.grader.isolation.Sandbox.detect(
                kit.grader.isolation.IsolationMode.AUTO).isolated(), "no sandbox here to resume with");
        List<Path> two = submissions.subList(0, 2);
        Path csv = dir.resolve("grades.csv");
        Kit.Run off = Kit.grade(classArgs(two, csv, "--jobs", "2", "--isolation=off"));
        assertThat(off.status()).as("run without the sandbox; stderr: %s", off.err()).isZero();
        assertThat(Files.readString(csv)).as("its CSV's isolation column").contains(",none\r\n")
                .doesNotContain("bubblewrap");
        Kit.Run sandboxed = Kit.grade(classArgs(two, csv, "--jobs", "2", "--resume"));
        assertThat(sandboxed.status()).as("resumed with the sandbox; stderr: %s", sandboxed.err()).isZero();
        assertThat(reusedCount(sandboxed.err())).as("results of the unsandboxed run reused by a sandboxed one;"
                + " stderr: %s", sandboxed.err()).isZero();
        assertThat(Files.readString(csv)).as("the resumed CSV's isolation column").contains(",bubblewrap\r\n")
                .doesNotContain(",none\r\n");
        Kit.Run offAgain = Kit.grade(classArgs(two, csv, "--jobs", "2", "--resume", "--isolation=off"));
        assertThat(offAgain.status()).as("resumed without the sandbox; stderr: %s", offAgain.err()).isZero();
        assertThat(reusedCount(offAgain.err())).as("sandboxed results reused by a run without the sandbox; stderr:"
                + " %s", offAgain.err()).isEqualTo(2);
    }

    private static String[] args(Path csv, String... more) {
        return classArgs(submissions, csv, more);
    }

    private static String[] resumeArgs(Path csv) {
        return args(csv, "--jobs", "1", "--resume");
    }

    private static String[] classArgs(List<Path> dirs, Path csv, String... more) {
        List<String> args = new ArrayList<>();
        dirs.forEach(d -> args.add(d.toString()));
        args.addAll(List.of("--task", "counter", "--csv", csv.toString(), "-q"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The grader as its own process, one submission at a time so that it can be stopped part-way. */
    private static Process startGrader(Path dir, Path csv) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args(csv, "--jobs", "1")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        return builder.start();
    }

    private static void waitForResults(Process grader, Path results, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && grader.isAlive()) {
            if (jsonFiles(results).size() >= count) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(grader.isAlive()).as("the grader still running when %s result(s) were kept in %s", count, results)
                .isTrue();
        assertThat(jsonFiles(results)).as("results kept within 2 minutes in %s", results).hasSizeGreaterThanOrEqualTo(count);
    }

    /** Every kept result parses as a grader report of one submission; returns how many there are. */
    private static int assertIntact(Path results) throws IOException {
        List<Path> files = jsonFiles(results);
        assertThat(files).as("kept results in %s", results).isNotEmpty();
        for (Path file : files) {
            List<SubmissionResult> read = new JsonReportReader().read(file);
            assertThat(read).as("%s holds one submission's result", file).hasSize(1);
            assertThat(read.get(0).tasks()).as("%s: its tasks", file).hasSize(1);
        }
        return files.size();
    }

    private static List<Path> jsonFiles(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(results)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static Map<String, FileTime> modified(Path results) throws IOException {
        Map<String, FileTime> times = new HashMap<>();
        for (Path file : jsonFiles(results)) {
            times.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
        }
        return times;
    }

    private static int reusedCount(String err) {
        var matcher = java.util.regex.Pattern.compile("reused (\\d+) of").matcher(err);
        assertThat(matcher.find()).as("'reused N of M' in: %s", err).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
