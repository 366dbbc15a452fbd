package concurrency.PACKAGE;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Part of every attack fixture (AttacksTest copies it into the attacked task's package): runs one attack and
 * prints what became of it, so that the test can tell a refusal by the grader's guard from an attack that worked
 * or failed for some other reason.
 */
final class Probe {

    /** The start of every refusal message of the grader's guard. */
    static final String REFUSED = "the grader does not let a submission";
    /** A directory the test creates outside every scratch directory, with files in it. */
    static final Path CANARY = Path.of("/tmp/kit-attacks-canary");

    interface Action {
        Object run() throws Throwable;
    }

    private Probe() {
    }

    /** Runs {@code action}, which the guard must refuse; prints "attack refused: name" if it did. */
    static boolean refused(String name, Action action) {
        try {
            Object result = action.run();
            System.out.println("ATTACK SUCCEEDED: " + name + " -> " + result);
            return false;
        } catch (SecurityException e) {
            if (String.valueOf(e.getMessage()).startsWith(REFUSED)) {
                System.out.println("attack refused: " + name);
                return true;
            }
            System.out.println("ATTACK NOT REFUSED BY THE GUARD: " + name + ": " + e);
        } catch (Throwable t) {
            System.out.println("ATTACK NOT REFUSED BY THE GUARD: " + name + ": " + t);
        }
        return false;
    }

    /** Runs {@code action}, which the guard must allow (it stays inside the scratch directory). */
    static void allowed(String name, Action action) {
        try {
            action.run();
            System.out.println("allowed as it should be: " + name);
        } catch (Throwable t) {
            System.out.println("WRONGLY REFUSED: " + name + ": " + t);
        }
    }

    /** The kit's checkout, found from the running class path (grader/target/classes or grader.jar). */
    static Path kitRoot() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (p.endsWith("grader/target/classes") || p.endsWith("grader/target/grader.jar")) {
                return p.getParent().getParent().getParent();
            }
        }
        return Path.of("/nonexistent-kit-root");
    }

    /** The class path's jar files (JUnit and the other libraries the hidden tests use). */
    static List<Path> classPathJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    /** The threads now running a hidden test of {@code pkg} (e.g. "concurrency.primes."). */
    static List<Thread> hiddenTestThreads(String pkg) {
        List<Thread> found = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith(pkg) && frame.getClassName().contains("HiddenTest")) {
                    found.add(thread);
                    return;
                }
            }
        });
        return found;
    }
}
