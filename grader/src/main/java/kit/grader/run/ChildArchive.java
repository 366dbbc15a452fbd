package kit.grader.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class-data-sharing archive of the classes every test JVM loads (JUnit, AssertJ, ArchUnit, Lincheck, the
 * hidden tests), so test JVMs start faster. The first test JVM of a grader run that finds no archive writes
 * one when it exits; later JVMs map it. Only when the grader runs from grader.jar.
 *
 * <p>A dynamic archive requires the class path of the dumping JVM to be a prefix of every later one, with no
 * non-empty directory in it. So each test JVM sees the submission's classes as the relative entry
 * {@code classes} — a link in its own working directory — and the dumping JVM replaces its link with an
 * empty directory just before it exits.
 */
final class ChildArchive {

    private static final Duration STALE_LOCK = Duration.ofMinutes(5);

    private final Path archive;
    private final Path lock;
    private final AtomicBoolean claimed = new AtomicBoolean();

    private ChildArchive(Path archive) {
        this.archive = archive;
        this.lock = archive.resolveSibling(archive.getFileName() + ".lock");
    }

    /** The archive for the grader in {@code jar}, or {@code null} when archives are off or impossible. */
    static ChildArchive forJar(Path jar, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar) || "false".equals(System.getProperty("kit.grader.cds"))) {
            return null;
        }
        try {
            String key = Integer.toHexString((jar.toAbsolutePath() + "|" + Files.size(jar) + "|"
                    + Files.getLastModifiedTime(jar).toMillis() + "|" + System.getProperty("java.vm.version") + "|"
                    + jvmOptions).hashCode());
            Path dir = jar.toAbsolutePath().getParent();
            if (dir == null || !Files.isWritable(dir)) {
                dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                        "kit-grader-cds-" + System.getProperty("user.name", "user")));
            }
            return new ChildArchive(dir.resolve("grader-test-jvm-" + key + ".jsa"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The options for a new test JVM, and whether it is the one that writes the archive. */
    Options options() {
        if (Files.isRegularFile(archive)) {
            return new Options(List.of("-XX:SharedArchiveFile=" + archive), null);
        }
        if (claimed.compareAndSet(false, true) && takeLock()) {
            Path temp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            return new Options(List.of("-XX:ArchiveClassesAtExit=" + temp, "-Dkit.grader.dump=true"), temp);
        }
        return new Options(List.of(), null);
    }

    /** Publishes the archive a dumping JVM wrote (it has exited), or drops it. */
    void publish(Path temp, boolean exitedNormally) {
        try {
            if (exitedNormally && Files.isRegularFile(temp) && Files.size(temp) > 0) {
                Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeOlderArchives();
            } else {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // No archive this time; the next run tries again.
        } finally {
            try {
                Files.deleteIfExists(lock);
            } catch (IOException ignored) {
                // stale locks expire
            }
        }
    }

    /** Archives of earlier builds of the grader are useless: remove them. */
    private void removeOlderArchives() {
        try (java.util.stream.Stream<Path> files = Files.list(archive.getParent())) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("grader-test-jvm-") && name.endsWith(".jsa") && !p.equals(archive)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // harmless leftovers
        }
    }

    private boolean takeLock() {
        try {
            Files.createFile(lock);
            return true;
        } catch (FileAlreadyExistsException e) {
            try {
                FileTime time = Files.getLastModifiedTime(lock);
                if (time.toInstant().isBefore(Instant.now().minus(STALE_LOCK))) {
                    Files.deleteIfExists(lock);
                    Files.createFile(lock);
                    return true;
                }
            } catch (IOException ignored) {
                // another grader holds it
            }
            return false;
        } catch (AccessDeniedException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The JVM options for one test JVM.
     *
     * @param jvmOptions options to add
     * @param dumpTo where the JVM writes the archive when it exits, or {@code null}
     */
    record Options(List<String> jvmOptions, Path dumpTo) {
    }
}
