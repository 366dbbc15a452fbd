package kit.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kit.grader.model.Task;

/**
 * The concurrency mutants of {@code mvn -B -Pmutation verify}: the mistakes concurrency exercises are about,
 * which PIT does not make ({@link ConcurrencyOperator}). Each mutant is a copy of the reference with one such
 * change, graded by the kit's own grader (grader.jar, class mode, only the mutated task) exactly as a student's
 * submission would be. A mutant is killed when its task loses points through a failed test; a test stopped by the
 * grader's time limit is a timeout, not a kill.
 *
 * <p>Arguments: {@code <solutions/src/main/java> <work dir> <grader.jar> <survivors.txt> <table.md>}.
 */
public final class ConcurrencyMutants {

    /** The start of every concurrency mutant's key in the reviewed list. */
    static final String KEY_PREFIX = "concurrency-mutant ";

    private ConcurrencyMutants() {
    }

    /** Generates the mutants, grades them, prints the table; throws when a mutant is neither killed nor listed. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: ConcurrencyMutants <solutions/src/main/java> <work dir> <grader.jar> <survivors.txt> <table.md>");
        }
        Path sources = Paths.get(args[0]);
        Path work = Paths.get(args[1]);
        Path graderJar = Paths.get(args[2]);
        deleteRecursively(work);
        Map<Path, Generated> generated = generate(sources, work);
        List<Mutant> mutants = new ArrayList<>();
        Map<String, List<Map.Entry<Path, Generated>>> byTask = generated.entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getValue().task(), LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Map.Entry<Path, Generated>>> task : byTask.entrySet()) {
            Map<String, Mutant.Outcome> outcomes = grade(graderJar, work, task.getKey(),
                    task.getValue().stream().map(Map.Entry::getKey).collect(Collectors.toList()));
            for (Map.Entry<Path, Generated> e : task.getValue()) {
                Generated g = e.getValue();
                mutants.add(new Mutant(g.task(), g.key(), g.line(),
                        outcomes.getOrDefault(e.getKey().getFileName().toString(), Mutant.Outcome.NOT_RUN)));
            }
        }
        KnownSurvivors listed = KnownSurvivors.read(Paths.get(args[3]));
        String table = MutationTable.render("Concurrency mutants of the reference (the kit's operators) and the hidden tests",
                mutants, listed);
        Path tableFile = Paths.get(args[4]);
        Files.createDirectories(tableFile.toAbsolutePath().getParent());
        Files.writeString(tableFile, table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(table);
        for (Mutant m : mutants) {
            System.out.println("  " + m.outcome() + "  " + m.key() + " (line " + m.line() + ")");
        }
        System.out.printf(Locale.ROOT, "Killed %.1f %% of %d concurrency mutants.%n", MutationTable.killedPercent(mutants),
                mutants.size());
        List<String> problems = MutationVerdict.problems(mutants, listed, key -> key.startsWith(KEY_PREFIX));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the concurrency mutants disagree with the reviewed list " + args[3] + ":\n  - "
                    + String.join("\n  - ", problems));
        }
        System.out.println("Every concurrency mutant is killed or listed with its reason.");
    }

    /** A generated mutant: its task, key and line. */
    private record Generated(String task, String key, int line) {
    }

    private static Map<Path, Generated> generate(Path sources, Path work) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources.resolve("concurrency"))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        String helper;
        try (InputStream in = ConcurrencyMutants.class.getResourceAsStream("RacyAtomics.java.txt")) {
            helper = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<Path, Generated> generated = new LinkedHashMap<>();
        for (Path file : files) {
            String relative = sources.relativize(file).toString().replace('\\', '/');
            String className = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
            String packageName = className.substring(0, className.lastIndexOf('.'));
            String task = Task.byPackage(packageName).map(Task::id).orElse(packageName);
            String source = Files.readString(file, StandardCharsets.UTF_8);
            for (ConcurrencyOperator operator : ConcurrencyOperator.values()) {
                Map<String, Integer> seen = new LinkedHashMap<>();
                for (ConcurrencyOperator.Edit edit : operator.edits(source)) {
                    int occurrence = seen.merge(edit.description(), 1, Integer::sum);
                    String key = KEY_PREFIX + className + " | " + operator + " | " + edit.description()
                            + (occurrence > 1 ? " (#" + occurrence + ")" : "");
                    Path dir = work.resolve(String.format(Locale.ROOT, "m%03d", generated.size() + 1));
                    copyTree(sources, dir.resolve("src/main/java"));
                    Path target = dir.resolve("src/main/java").resolve(relative);
                    Files.writeString(target, edit.applyTo(source), StandardCharsets.UTF_8);
                    if (operator == ConcurrencyOperator.SPLIT_ATOMIC) {
                        Files.writeString(target.resolveSibling("RacyAtomics.java"),
                                helper.replace("package PACKAGE;", "package " + packageName + ";"), StandardCharsets.UTF_8);
                    }
                    int line = (int) source.substring(0, edit.start()).chars().filter(c -> c == '\n').count() + 1;
                    generated.put(dir, new Generated(task, key, line));
                }
            }
        }
        return generated;
    }

    /** Grades {@code dirs} on {@code task} with the grader in class mode; outcome per directory name. */
    private static Map<String, Mutant.Outcome> grade(Path graderJar, Path work, String task, List<Path> dirs)
            throws IOException, InterruptedException {
        Path json = work.resolve("grades-" + task + ".json");
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", graderJar.toString()));
        dirs.forEach(d -> command.add(d.toString()));
        command.addAll(List.of("--task", task, "--json", json.toString(), "--quiet", "--no-color"));
        if (dirs.size() > 1) {
            // A class: its results directory goes into the work directory, not into the kit.
            command.addAll(List.of("--results", work.resolve("results-" + task).toString(), "--jobs", "2"));
        }
        Process grader = new ProcessBuilder(command).inheritIO().start();
        int status = grader.waitFor();
        if (status != 0 || !Files.isRegularFile(json)) {
            throw new IOException("the grader exited with status " + status + " grading the " + task + " mutants");
        }
        Map<String, Mutant.Outcome> outcomes = new LinkedHashMap<>();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        // One directory is graded as a single submission (its report is the root), several as a class.
        for (JsonNode submission : root.has("submissions") ? root.path("submissions") : List.of(root)) {
            outcomes.put(submission.path("submission").asText(), outcome(submission, task));
        }
        return outcomes;
    }

    private static Mutant.Outcome outcome(JsonNode submission, String task) {
        for (JsonNode t : submission.path("tasks")) {
            if (!t.path("id").asText().equals(task)) {
                continue;
            }
            boolean timedOut = false;
            boolean notRun = t.path("tests").isEmpty();
            for (JsonNode test : t.path("tests")) {
                String status = test.path("status").asText();
                if (status.equals("failed") || status.equals("error")) {
                    return Mutant.Outcome.KILLED;
                }
                timedOut |= status.equals("timeout");
                notRun |= status.equals("not-compiled") || status.equals("not-implemented");
            }
            return timedOut ? Mutant.Outcome.TIMED_OUT : notRun ? Mutant.Outcome.NOT_RUN : Mutant.Outcome.SURVIVED;
        }
        return Mutant.Outcome.NOT_RUN;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
