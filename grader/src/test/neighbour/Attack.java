package concurrency.counter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A submission graded beside another one (class mode) tries to find it, signal it, attach to it, read its files and
 * slow it down. Each attempt prints "ATTACK SUCCEEDED: …" when it got through, "blocked: …" otherwise (whether the
 * guard or the operating system stopped it). NeighbourIsolationTest checks the other submission's verdicts.
 */
final class Attack {
    /** The directory name of the other submission (the test names it so). */
    private static final String OTHER = "neighbour-victim";
    /** This submission's scratch space: java.io.tmpdir is {@code <scratch>/work/tmp}. */
    private static final Path OWN = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().getParent()
            .getParent();

    /** A test JVM of another submission: the grader's test runner, on another scratch space's classes. */
    private static boolean isOther(String commandLine) {
        return (commandLine.contains("kit.grader.child.ChildRunner") && !commandLine.contains(OWN.toString()))
                || commandLine.contains(OTHER);
    }

    static void onLoad() {
        if (System.getProperty("kit.grader.testJvm") == null) {
            return;
        }
        List<ProcessHandle> others = find();
        for (ProcessHandle p : others) {
            attempt("signal process " + p.pid(), () -> p.destroyForcibly() ? "signalled" : null);
            attempt("attach to process " + p.pid(), () -> {
                Class<?> type = Class.forName("com.sun.tools.attach.VirtualMachine");
                return type.getMethod("attach", String.class).invoke(null, Long.toString(p.pid()));
            });
        }
        attempt("list the processes' command lines in /proc", () -> {
            List<String> named = new ArrayList<>();
            try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
                for (Path p : proc.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
                    try {
                        String line = new String(Files.readAllBytes(p.resolve("cmdline")));
                        if (isOther(line)) {
                            named.add(p.getFileName().toString());
                        }
                    } catch (java.io.IOException gone) {
                        // ended meanwhile
                    }
                }
            }
            return named.isEmpty() ? null : "the other submission's processes: " + named;
        });
        Path scratch = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        for (Path up = scratch.getParent(); up != null && up.getNameCount() > 1; up = up.getParent()) {
            Path dir = up;
            attempt("list " + dir + " for another submission's scratch space", () -> {
                try (Stream<Path> list = Files.list(dir)) {
                    List<String> found = list.filter(n -> n.toString().contains("submission-")
                            && !n.toAbsolutePath().startsWith(OWN) && !OWN.startsWith(n.toAbsolutePath()))
                            .map(Path::toString).toList();
                    return found.isEmpty() ? null : found;
                }
            });
        }
        attempt("read the other submission's sources", () -> {
            try (Stream<Path> walk = Files.walk(Path.of("/tmp"), 6)) {
                List<String> found = walk.map(Path::toString).filter(n -> n.contains(OTHER) && n.endsWith(".java"))
                        .toList();
                return found.isEmpty() ? null : found;
            }
        });
        // Slowing the other one down: busy threads for a few seconds (the sandbox does not stop this; the test
        // checks that the other submission's verdicts, timing tests included, do not change).
        for (int i = 0; i < 2; i++) {
            Thread spin = new Thread(() -> {
                long end = System.nanoTime() + 5_000_000_000L;
                long x = 0;
                while (System.nanoTime() < end) {
                    x++;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "neighbour-spin-" + i);
            spin.setDaemon(true);
            spin.start();
        }
    }

    /** The other submission's test JVMs (and anything naming it). */
    private static List<ProcessHandle> find() {
        List<ProcessHandle> found = new ArrayList<>();
        attempt("find the other submission's processes with ProcessHandle.allProcesses", () -> {
            ProcessHandle.allProcesses().filter(p -> isOther(p.info().commandLine().orElse("")))
                    .forEach(found::add);
            return found.isEmpty() ? null : found.size() + " found";
        });
        return found;
    }

    interface Action {
        Object run() throws Throwable;
    }

    private static void attempt(String name, Action action) {
        try {
            Object result = action.run();
            System.out.println(result == null ? "blocked: " + name + " (nothing found)"
                    : "ATTACK SUCCEEDED: " + name + " -> " + result);
        } catch (Throwable t) {
            System.out.println("blocked: " + name + " (" + t + ")");
        }
    }
}
