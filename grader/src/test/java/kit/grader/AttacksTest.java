package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import kit.grader.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions that attack the grader, graded in class mode: each earns exactly what its honest part earns, every
 * attack on the guard is refused, nothing outside the submissions' scratch space changes, no connection reaches a
 * loopback port, and every submission finishes within the README's bound.
 *
 * <p>Layout: {@code src/test/attacks/<name>/attack.properties} describes one fixture, and the {@code .java} files
 * beside it (at least {@code Attack.java}) are added to the attacked task's package. The submission is a copy of
 * the reference whose task package is first replaced by its {@code base}: {@code reference} (keep it), {@code stub}
 * (the template's stub) or {@code fixture:<name>} (a wrong solution from {@code src/test/fixtures/}). Then
 * {@code src/test/attacks/_shared/Probe.java} is added to the package (it prints "attack refused: …" when the
 * guard refuses an attack), and each of the {@code hooks} inserts one call of {@code Attack} into the task's code
 * (see {@link #HOOKS}). Keys:
 * <ul>
 *   <li>{@code task}: the attacked task; {@code base}; {@code hooks}: comma-separated {@link #HOOKS} names;</li>
 *   <li>{@code group}: which grader call grades it ({@link #GROUPS}; default {@code counter});</li>
 *   <li>{@code expect.<task>}: the exact score of each graded task;</li>
 *   <li>{@code refused}: {@code |}-separated probe names that must print "attack refused"; {@code allowed}: probe
 *       names that must be allowed (they stay in the scratch space); {@code printed}: lines the attack must print;</li>
 *   <li>{@code error}: a text that some test of the attacked task reports as an error; {@code compile-error}:
 *       {@code |}-separated texts in the attacked task's compile errors (a class the guard refuses when it rewrites the submission);</li>
 *   <li>{@code baseline}: a fixture of {@code src/test/fixtures/} graded beside it, whose scores it must equal;</li>
 *   <li>{@code generate}: {@code <File>.java:<kind>:<bytes>}, a source written into the package by the test rather
 *       than kept in the repository ({@link #generated}).</li>
 * </ul>
 *
 * <p>The attacks aim at files in {@code /tmp/kit-attacks-canary} (java.io.tmpdir on Linux; created here) and at
 * loopback ports 47311–47318 (this test listens on the first free one). {@code -Dkit.grader.attacks.repeat=10}
 * grades everything ten times and checks every run gives the same verdicts.
 */
class AttacksTest {

    /** Where the attacks look for files outside every scratch space (fixed: the fixtures name it too). */
    static final Path CANARY = Path.of("/tmp/kit-attacks-canary");
    /** The loopback ports the network attack tries (Attack.PORTS of the network fixture). */
    static final int[] PORTS = {47311, 47312, 47313, 47314, 47315, 47316, 47317, 47318};
    /** The README's bound for one submission: the submission limit (120 s) plus compiling and JVM starts. */
    static final long SUBMISSION_BOUND_MILLIS = 130_000;

    /** The grader calls: their options (each also gets --jobs 2 --verbose --json). */
    static final Map<String, List<String>> GROUPS = Map.of(
            "counter", List.of("--task", "counter,primes"),
            "limits", List.of("--task", "counter,primes", "--test-timeout", "5"),
            "shared", List.of("--task", "shared-counter,primes"),
            "compile", List.of("--task", "counter,primes"));

    /** One place in a task's code where a call of {@code Attack} goes, right after {@code after}. */
    record Hook(String file, String after, String insert) {
    }

    /** Each hook: the alternatives tried in order; the first whose anchor is in the file is used. */
    static final Map<String, List<Hook>> HOOKS = Map.of(
            "load", List.of(new Hook("LockedCounter.java", "public class LockedCounter {",
                    "static { Attack.onLoad(); }")),
            "runThreads", List.of(new Hook("LockedCounter.java", "public static long runThreads(LockedCounter counter,"
                    + " int threads, int perThread) throws InterruptedException {", "Attack.inRunThreads(perThread);")),
            "lock", List.of(new Hook("LockedCounter.java", "public LockedCounter(Lock lock) {", "Attack.onLock(lock);")),
            "checkAll", List.of(new Hook("PrimePool.java", "throws InterruptedException, ExecutionException {",
                    "Attack.onCallback(test);")),
            "runProcesses", List.of(
                    new Hook("SharedCounter.java", ".redirectError(ProcessBuilder.Redirect.INHERIT);",
                            "Attack.inRunProcesses(file, builder);"),
                    new Hook("SharedCounter.java", "public static long runProcesses(Path file, int processes, int"
                            + " perProcess) throws IOException, InterruptedException {",
                            "Attack.inRunProcesses(file, null);")),
            "main", List.of(new Hook("SharedCounter.java", "public static void main(String[] args) throws IOException {",
                    "Attack.inMain(args);")),
            "load-shared", List.of(new Hook("SharedCounter.java", "public final class SharedCounter {",
                    "static { Attack.onLoad(); }")));

    private static final int REPEAT = Integer.getInteger("kit.grader.attacks.repeat", 1);

    @TempDir
    static Path scratch;

    private static final Map<String, Properties> FIXTURES = new TreeMap<>();
    /** Per run: submission name → its JSON result. */
    private static final List<Map<String, JsonNode>> RUNS = new ArrayList<>();
    /** Per run and group: wall milliseconds and number of submissions. */
    private static final List<String> WALL = new ArrayList<>();
    private static final Map<String, Long> WALL_BOUND = new LinkedHashMap<>();
    private static Map<String, String> before;
    private static Map<String, String> after;
    /** Processes of the grading still alive once every grader call had returned (see {@link #leftBehind}). */
    private static List<String> left;
    private static ServerSocket server;

    @BeforeAll
    static void gradeEveryAttack() throws Exception {
        createCanary();
        server = listenOnAFreePort();
        Map<String, List<String>> byGroup = new TreeMap<>();
        Path attacks = Kit.root().resolve("grader/src/test/attacks");
        List<Path> dirs;
        try (Stream<Path> list = Files.list(attacks)) {
            dirs = list.filter(d -> Files.isRegularFile(d.resolve("attack.properties"))).sorted().toList();
        }
        Map<String, Path> submissions = new LinkedHashMap<>();
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            Properties p = Kit.properties(dir.resolve("attack.properties"));
            FIXTURES.put(name, p);
            String group = p.getProperty("group", "counter");
            assertThat(GROUPS).as("%s: group", name).containsKey(group);
            submissions.put(name, build(name, p, dir, scratch.resolve("attacks").resolve(name)));
            byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(name);
            String baseline = p.getProperty("baseline");
            if (baseline != null && !submissions.containsKey("baseline--" + baseline)) {
                Path fixture = Kit.root().resolve("grader/src/test/fixtures").resolve(baseline);
                String task = Kit.properties(fixture.resolve("fixture.properties")).getProperty("task");
                String pkgDir = Task.byId(task).orElseThrow().directory();
                submissions.put("baseline--" + baseline, Kit.overlay(scratch.resolve("attacks/baseline--" + baseline),
                        pkgDir, fixture.resolve("src/main/java").resolve(pkgDir)));
                byGroup.get(group).add("baseline--" + baseline);
            }
        }
        before = snapshot();
        for (int run = 1; run <= REPEAT; run++) {
            Map<String, JsonNode> results = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> group : byGroup.entrySet()) {
                List<String> args = new ArrayList<>();
                group.getValue().forEach(name -> args.add(submissions.get(name).toString()));
                Path json = scratch.resolve("run-" + run + "-" + group.getKey() + ".json");
                args.addAll(GROUPS.get(group.getKey()));
                args.addAll(List.of("--jobs", "2", "--verbose", "--no-color", "--json", json.toString()));
                long start = System.nanoTime();
                Kit.Run graded = Kit.grade(args.toArray(String[]::new));
                long wall = (System.nanoTime() - start) / 1_000_000;
                assertThat(graded.status()).as("grader exit status for group %s; stderr: %s", group.getKey(),
                        graded.err()).isZero();
                WALL.add("run " + run + " group " + group.getKey() + ": " + group.getValue().size()
                        + " submissions in " + wall + " ms");
                WALL_BOUND.put("run " + run + " group " + group.getKey(),
                        wall - SUBMISSION_BOUND_MILLIS * ((group.getValue().size() + 1) / 2));
                JsonNode report = new ObjectMapper().readTree(json.toFile());
                // A group of one submission is graded in single mode: its report is that submission's object.
                for (JsonNode s : report.has("submissions") ? report.get("submissions") : List.of(report)) {
                    results.put(s.get("submission").asText(), s);
                }
            }
            RUNS.add(results);
        }
        after = snapshot();
        left = leftBehind();
        writeSummary();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (server != null) {
            server.close();
        }
        Kit.deleteTree(CANARY);
    }

    @TestFactory
    @DisplayName("every attack submission earns exactly the points of its honest part, in every run")
    Stream<DynamicTest> exactScores() {
        return FIXTURES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Properties p = e.getValue();
            for (int run = 0; run < RUNS.size(); run++) {
                JsonNode result = RUNS.get(run).get(e.getKey());
                assertThat(result).as("%s was graded in run %d", e.getKey(), run + 1).isNotNull();
                for (String key : p.stringPropertyNames()) {
                    if (key.startsWith("expect.")) {
                        String task = key.substring("expect.".length());
                        assertThat(GoldenTest.task(result, task).get("score").asDouble())
                                .as("run %d: %s, score of %s; its tests: %s", run + 1, e.getKey(), task,
                                        describe(GoldenTest.task(result, task)))
                                .isEqualTo(Double.parseDouble(p.getProperty(key)));
                    }
                }
                String baseline = p.getProperty("baseline");
                if (baseline != null) {
                    JsonNode honest = RUNS.get(run).get("baseline--" + baseline);
                    assertThat(result.get("score").asDouble()).as("run %d: %s scores what %s scores", run + 1,
                            e.getKey(), baseline).isEqualTo(honest.get("score").asDouble());
                }
                for (String compileError : names(p, "compile-error")) {
                    assertThat(GoldenTest.task(result, p.getProperty("task")).path("compileErrors").toString())
                            .as("run %d: %s is refused as a compile error naming '%s'", run + 1, e.getKey(),
                                    compileError).contains(compileError);
                }
                String error = p.getProperty("error");
                if (error != null) {
                    assertThat(describe(GoldenTest.task(result, p.getProperty("task"))))
                            .as("run %d: %s reports an error with '%s'", run + 1, e.getKey(), error)
                            .contains("error: ").contains(error);
                }
            }
        }));
    }

    @TestFactory
    @DisplayName("every attack on the guard is refused with the guard's message; what stays in the scratch space is allowed")
    Stream<DynamicTest> attacksAreRefused() {
        return FIXTURES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Properties p = e.getValue();
            for (int run = 0; run < RUNS.size(); run++) {
                String output = output(RUNS.get(run).get(e.getKey()));
                List<String> lines = output.lines().toList();
                assertThat(lines).as("run %d: %s: attacks that got through or failed for another reason", run + 1,
                        e.getKey()).noneMatch(l -> l.contains("ATTACK SUCCEEDED") || l.contains("ATTACK NOT REFUSED")
                        || l.contains("WRONGLY REFUSED"));
                for (String name : names(p, "refused")) {
                    assertThat(lines).as("run %d: %s: probe '%s' was refused by the guard", run + 1, e.getKey(), name)
                            .contains("attack refused: " + name);
                }
                for (String line : names(p, "printed")) {
                    assertThat(lines).as("run %d: %s printed '%s'", run + 1, e.getKey(), line).contains(line);
                }
                for (String name : names(p, "allowed")) {
                    assertThat(lines).as("run %d: %s: probe '%s' was allowed", run + 1, e.getKey(), name)
                            .contains("allowed as it should be: " + name);
                }
            }
        }));
    }

    @Test
    @DisplayName("nothing outside the scratch space changed: the kit's checkout, the grader's classes and jars, the home, the canary")
    void nothingOutsideTheScratchSpaceChanged() {
        Map<String, String> changed = new TreeMap<>();
        before.forEach((path, entry) -> {
            if (!entry.equals(after.get(path))) {
                changed.put(path, entry + " → " + after.get(path));
            }
        });
        after.forEach((path, entry) -> {
            if (!before.containsKey(path)) {
                changed.put(path, "added: " + entry);
            }
        });
        assertThat(before).as("the snapshot holds the canary and the kit").containsKey(CANARY.resolve("file.txt")
                .toString()).containsKey(Kit.root().resolve("pom.xml").toString());
        assertThat(changed).as("files changed, added or removed outside every scratch space").isEmpty();
    }

    @Test
    @DisplayName("no process of the grading is left once the grader has returned, double-forked ones included (what ps would show)")
    void noProcessLeftBehind() {
        assertThat(left).as("processes whose command line names this checkout's grader (%s) or carries the"
                + " double-fork fixture's marker %s, still running after grading; the sandbox (a PID namespace per"
                + " test JVM) or the process-group kill should have ended them", Kit.root(), LEFT_BEHIND_MARKER)
                .isEmpty();
    }

    @Test
    @DisplayName("no line of a verbose terminal report is a GitHub workflow command by the runner's rules (Unicode spaces trimmed, ##[ anywhere)")
    void terminalReportsHoldNoWorkflowCommand() throws IOException {
        kit.grader.report.JsonReportReader reader = new kit.grader.report.JsonReportReader();
        kit.grader.report.TerminalReport terminal = new kit.grader.report.TerminalReport(
                new kit.grader.report.Style(false, true), true);
        List<String> commands = new ArrayList<>();
        int lines = 0;
        for (int run = 0; run < RUNS.size(); run++) {
            for (Map.Entry<String, JsonNode> e : RUNS.get(run).entrySet()) {
                java.io.StringWriter text = new java.io.StringWriter();
                terminal.write(reader.submission(e.getValue(), scratch), new java.io.PrintWriter(text));
                for (String line : text.toString().split("\n")) {
                    lines++;
                    if (isWorkflowCommand(line)) {
                        commands.add("run " + (run + 1) + " " + e.getKey() + ": " + line);
                    }
                }
            }
        }
        assertThat(lines).as("lines rendered").isPositive();
        assertThat(commands).as("report lines GitHub's runner would act on (it trims what .NET's Char.IsWhiteSpace"
                + " accepts, e.g. U+00A0, U+2007, U+202F, then looks for '::'; its older parser finds '##[' anywhere);"
                + " see kit.grader.report.SafeText").isEmpty();
    }

    /** The runner's reading: trim every character .NET counts as white space, then {@code ::}; or {@code ##[}. */
    static boolean isWorkflowCommand(String line) {
        int i = 0;
        while (i < line.length() && isDotNetWhiteSpace(line.charAt(i))) {
            i++;
        }
        return line.startsWith("::", i) || line.contains("##[");
    }

    private static boolean isDotNetWhiteSpace(char c) {
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (c >= '\t' && c <= '\r') || c == '\u0085';
    }

    @Test
    @DisplayName("every attack submission ran in the operating-system sandbox (bubblewrap) where one works; under CI=true one must")
    void everySubmissionRanInTheSandbox() {
        kit.grader.isolation.Sandbox sandbox = kit.grader.isolation.Sandbox.detect(
                kit.grader.isolation.IsolationMode.AUTO);
        if (!sandbox.isolated()) {
            assertThat(System.getenv("CI")).as("CI=true but no sandbox: %s (.ci/run installs bubblewrap)",
                    sandbox.warning()).isNotEqualTo("true");
            org.junit.jupiter.api.Assumptions.abort("no sandbox here, the attacks met the guard alone: "
                    + sandbox.warning());
        }
        Map<String, String> isolation = new TreeMap<>();
        for (Map<String, JsonNode> results : RUNS) {
            results.forEach((name, r) -> isolation.put(name, r.path("isolation").asText("(missing)")));
        }
        assertThat(isolation).as("the isolation each submission's JSON report names; bubblewrap works here (its"
                + " trial sandbox ran)").isNotEmpty().allSatisfy((name, value) -> assertThat(value)
                        .as(name).isEqualTo("bubblewrap"));
    }

    @Test
    @DisplayName("no attack reached the loopback port this test listens on")
    void noConnectionReachedTheServer() throws IOException {
        server.setSoTimeout(1);
        try {
            server.accept().close();
            throw new AssertionError("a submission connected to the test's loopback port " + server.getLocalPort());
        } catch (SocketTimeoutException expected) {
            // nobody connected
        }
    }

    @Test
    @DisplayName("every attack submission finishes within the README's bound (about 2 min 10 s), and so does each grader call")
    void boundedTime() {
        for (int run = 0; run < RUNS.size(); run++) {
            for (Map.Entry<String, JsonNode> e : RUNS.get(run).entrySet()) {
                assertThat(e.getValue().get("durationMillis").asLong()).as("run %d: %s took", run + 1, e.getKey())
                        .isLessThanOrEqualTo(SUBMISSION_BOUND_MILLIS);
            }
        }
        assertThat(WALL_BOUND).as("grader calls (wall minus bound × ceil(submissions / 2 jobs)); %s", WALL)
                .allSatisfy((group, overBound) -> assertThat(overBound).isNegative());
    }

    @Test
    @DisplayName("every run gives every submission the same verdict (with -Dkit.grader.attacks.repeat=N)")
    void everyRunGivesTheSameVerdicts() {
        Map<String, String> first = verdicts(RUNS.get(0));
        for (int run = 1; run < RUNS.size(); run++) {
            assertThat(verdicts(RUNS.get(run))).as("verdicts of run %d against run 1", run + 1).isEqualTo(first);
        }
    }

    // ----------------------------------------------------------------------------------------------

    /** A copy of the reference whose task package is the fixture's base plus its attack, hooked in. */
    static Path build(String name, Properties p, Path fixture, Path dir) throws IOException {
        Task task = Task.byId(p.getProperty("task", "")).orElseThrow(() -> new AssertionError(name + ": no task"));
        Kit.referenceCopy(dir);
        Path pkg = dir.resolve("src/main/java").resolve(task.directory());
        String base = p.getProperty("base", "reference");
        if (!base.equals("reference")) {
            Path source = base.equals("stub") ? Kit.exercises().resolve("src/main/java").resolve(task.directory())
                    : Kit.root().resolve("grader/src/test/fixtures").resolve(base.substring("fixture:".length()))
                            .resolve("src/main/java").resolve(task.directory());
            assertThat(source).as("%s: base %s", name, base).isDirectory();
            Kit.deleteTree(pkg);
            Kit.copyTree(source, pkg);
        }
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Files.copy(file, pkg.resolve(file.getFileName().toString()));
            }
        }
        String generate = p.getProperty("generate");
        if (generate != null) {
            String[] spec = generate.strip().split(":");
            assertThat(spec).as("%s: generate=<File>.java:<kind>:<bytes>", name).hasSize(3);
            String className = spec[0].substring(0, spec[0].length() - ".java".length());
            Files.writeString(pkg.resolve(spec[0]), generated(task.packageName(), className, spec[1],
                    Integer.parseInt(spec[2])));
        }
        String probe = Files.readString(Kit.root().resolve("grader/src/test/attacks/_shared/Probe.java"));
        Files.writeString(pkg.resolve("Probe.java"), probe.replace("package concurrency.PACKAGE;",
                "package " + task.packageName() + ";"));
        for (String hook : names(p, "hooks")) {
            List<Hook> alternatives = HOOKS.get(hook.strip());
            assertThat(alternatives).as("%s: hook %s", name, hook).isNotNull();
            boolean applied = false;
            for (Hook h : alternatives) {
                Path file = pkg.resolve(h.file());
                String text = Files.readString(file);
                int at = text.indexOf(h.after());
                if (at >= 0) {
                    int end = at + h.after().length();
                    Files.writeString(file, text.substring(0, end) + "\n        " + h.insert() + "\n"
                            + text.substring(end));
                    applied = true;
                    break;
                }
            }
            assertThat(applied).as("%s: hook %s found its place in %s", name, hook, base).isTrue();
        }
        return dir;
    }

    /**
     * A source too big to keep in the repository. {@code constant-expression}: one {@code int} constant of about
     * {@code bytes} characters written as a single sum ({@code 1 + 1 + …}), which javac attributes and folds
     * recursively, operand by operand, until its stack overflows. (A sum of string literals would not do: javac's
     * parser joins those into one literal first.)
     */
    static String generated(String packageName, String className, String kind, int bytes) {
        assertThat(kind).as("generated source kind").isEqualTo("constant-expression");
        StringBuilder text = new StringBuilder("package " + packageName + ";\n\nfinal class " + className
                + " {\n    static final int SUM = 1");
        while (text.length() < bytes) {
            text.append(" + 1");
        }
        return text.append(";\n}\n").toString();
    }

    private static List<String> names(Properties p, String key) {
        String value = p.getProperty(key, "").strip();
        if (value.isEmpty()) {
            return List.of();
        }
        return List.of(value.split(key.equals("hooks") ? "," : "\\|"));
    }

    private static String output(JsonNode submission) {
        StringBuilder text = new StringBuilder();
        for (JsonNode task : submission.get("tasks")) {
            for (JsonNode test : task.get("tests")) {
                JsonNode out = test.get("output");
                if (out != null) {
                    text.append(out.asText()).append('\n');
                }
            }
        }
        return text.toString();
    }

    /** A task's tests as "status: name (message)" lines, for failure messages. */
    private static String describe(JsonNode task) {
        StringBuilder text = new StringBuilder();
        for (JsonNode test : task.get("tests")) {
            text.append("\n  ").append(test.get("status").asText()).append(": ").append(test.get("name").asText());
            if (!test.get("message").asText().isEmpty()) {
                text.append(" (").append(test.get("message").asText()).append(')');
            }
        }
        return text.toString();
    }

    /** Each submission's verdict: every task's score and every test's status. */
    private static Map<String, String> verdicts(Map<String, JsonNode> results) {
        Map<String, String> verdicts = new TreeMap<>();
        results.forEach((name, result) -> {
            StringBuilder v = new StringBuilder();
            for (JsonNode task : result.get("tasks")) {
                v.append(task.get("id").asText()).append('=').append(task.get("score").asText());
                for (JsonNode test : task.get("tests")) {
                    v.append(' ').append(test.get("status").asText().charAt(0));
                }
                v.append("; ");
            }
            verdicts.put(name, v.toString());
        });
        return verdicts;
    }

    private static void writeSummary() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int run = 0; run < RUNS.size(); run++) {
            int r = run + 1;
            verdicts(RUNS.get(run)).forEach((name, v) -> text.append("run ").append(r).append(' ').append(name)
                    .append(": ").append(v).append('\n'));
        }
        WALL.forEach(w -> text.append(w).append('\n'));
        // The JSON reports (with every test's output) go to grader/target/attacks-reports/.
        Path target = Kit.root().resolve("grader/target/attacks-summary.txt");
        Files.writeString(target, text);
        Path reports = Files.createDirectories(Kit.root().resolve("grader/target/attacks-reports"));
        try (Stream<Path> json = Files.list(scratch)) {
            for (Path file : json.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.copy(file, reports.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The name the double-fork fixture gives the process it tries to leave behind. */
    static final String LEFT_BEHIND_MARKER = "kit-attack-left-behind";

    /**
     * Every process, other than this JVM and its ancestors (Maven), whose command line names this checkout (test
     * JVMs, the compiler process, shared-counter children and their bubblewrap wrappers all do: the grader's class
     * path is on it) or the double-fork marker; polled for up to 5 s, since a killed process takes a moment to go.
     */
    private static List<String> leftBehind() throws InterruptedException {
        String root = Kit.root().toAbsolutePath().toString();
        java.util.Set<Long> ancestors = new java.util.HashSet<>();
        for (java.util.Optional<ProcessHandle> p = java.util.Optional.of(ProcessHandle.current()); p.isPresent();
                p = p.get().parent()) {
            ancestors.add(p.get().pid());
        }
        List<String> found = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            found = ProcessHandle.allProcesses().filter(p -> !ancestors.contains(p.pid()))
                    .filter(p -> {
                        String command = p.info().commandLine().orElse("");
                        return command.contains(LEFT_BEHIND_MARKER) || command.contains(root + "/grader/target");
                    })
                    .map(p -> p.pid() + " (working in " + workingDirectory(p) + ") "
                            + p.info().commandLine().orElse("?")).toList();
            if (found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return found;
    }

    private static String workingDirectory(ProcessHandle p) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static void createCanary() throws IOException {
        Kit.deleteTree(CANARY);
        Files.createDirectories(CANARY.resolve("home"));
        Files.writeString(CANARY.resolve("file.txt"), "canary: nothing may change this file\n");
        Files.writeString(CANARY.resolve("delete-me.txt"), "canary: nothing may delete this file\n");
        Files.writeString(CANARY.resolve("home/.profile"), "# a canary home directory\n");
        Files.writeString(CANARY.resolve("home/notes.txt"), "private notes\n");
    }

    private static ServerSocket listenOnAFreePort() throws IOException {
        for (int port : PORTS) {
            try {
                return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("none of the loopback ports 47311-47318 is free");
    }

    /**
     * Path → "size mtime hash" of everything a submission could try to reach: the kit's checkout (without
     * {@code target/} directories and {@code .git}), the grader jar and the hidden tests' classes, the libraries of
     * the test class path, the grader's home directory (its files, not its subdirectories), and the canary.
     */
    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        Path root = Kit.root();
        walk(root, entries, true);
        walk(root.resolve("grader/target/classes"), entries, false);
        add(root.resolve("grader/target/grader.jar"), entries);
        Path listing = root.resolve("grader/target/grader-classpath.txt");
        if (Files.isRegularFile(listing)) {
            for (String entry : Files.readString(listing).strip().split(java.io.File.pathSeparator)) {
                add(Path.of(entry), entries);
            }
        }
        try (Stream<Path> home = Files.list(Path.of(System.getProperty("user.home")))) {
            for (Path file : home.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                add(file, entries);
            }
        }
        walk(CANARY, entries, false);
        return entries;
    }

    private static void walk(Path dir, Map<String, String> entries, boolean skipBuildOutput) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                Path relative = dir.relativize(p);
                boolean skip = false;
                for (Path part : relative) {
                    skip |= skipBuildOutput && (part.toString().equals("target") || part.toString().equals(".git"));
                }
                if (!skip) {
                    add(p, entries);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void add(Path p, Map<String, String> entries) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String hash = "";
        if (a.isRegularFile() && a.size() <= 1 << 20) {
            try {
                hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        String perms = "";
        try {
            perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p,
                    LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        entries.put(p.toString(), (a.isDirectory() ? "dir " : a.size() + " bytes ") + a.lastModifiedTime() + " "
                + perms + " " + hash);
    }
}
