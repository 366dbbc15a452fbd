package kit.grader.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What the grader leaves behind if it is stopped (Ctrl-C = SIGINT, SIGTERM): every process it started (compiler
 * and test JVMs, with whatever they started) and its scratch directories. One shutdown hook kills the processes
 * first and then deletes the directories, in that order (shutdown hooks run concurrently, so one hook does both).
 * Once the hook has started, a newly registered process is killed at once.
 */
public final class Cleanup {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> SCRATCH = ConcurrentHashMap.newKeySet();
    private static volatile boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::stopEverything, "grader-cleanup"));
    }

    private Cleanup() {
    }

    /** Tracks {@code process} until it ends; kills it at once if the grader is already stopping. */
    public static void track(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        if (stopping) {
            kill(process);
        }
    }

    /** Deletes {@code dir} if the grader is stopped before {@link #forget} is called. */
    public static void deleteOnStop(Path dir) {
        SCRATCH.add(dir);
    }

    /** Stops tracking {@code dir} (it was removed, or is kept on purpose). */
    public static void forget(Path dir) {
        SCRATCH.remove(dir);
    }

    /** Kills {@code process} and every process it started. */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Removes {@code dir} and everything in it, as far as possible. */
    public static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the OS to clean
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // left for the OS to clean
        }
    }

    private static void stopEverything() {
        stopping = true;
        List<Process> processes = List.copyOf(LIVE);
        processes.forEach(Cleanup::kill);
        for (Process p : processes) {
            try {
                p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Twice: a grading thread still running may have written a file between the walk and the deletes.
        for (int pass = 0; pass < 2; pass++) {
            for (Path dir : SCRATCH) {
                delete(dir);
            }
        }
    }
}
