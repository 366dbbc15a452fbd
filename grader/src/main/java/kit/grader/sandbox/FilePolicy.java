package kit.grader.sandbox;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;

/**
 * Where a submission may read and write files: write only inside its scratch directory (the directory that holds
 * its compiled classes and the test JVMs' working and temporary directories) but never in its compiled classes (a
 * class file written there would run without the guard), and to {@code /dev/null}; read there and in the JDK.
 *
 * <p>The scratch directory is found from where the calling class was loaded, so the rule holds in the child JVMs
 * that the shared-counter task starts too. Paths are compared after resolving {@code ..} and every symbolic link
 * of the part that exists.
 */
final class FilePolicy {

    private static final List<Path> DEVICES = List.of(Path.of("/dev/null"), Path.of("/dev/zero"),
            Path.of("/dev/random"), Path.of("/dev/urandom"));

    private static volatile Path scratch;
    private static volatile Path javaHome;

    private FilePolicy() {
    }

    static void check(String caller, Path path, boolean write, String member) {
        Path real = resolved(path);
        Path root = scratch(caller);
        if (write && real.startsWith(root.resolve("classes"))) {
            // A class file written there would be loaded as it is, never rewritten by the guard.
            throw Guard.refused("change its compiled classes", member + " on " + path);
        }
        if (real.startsWith(root) || DEVICES.contains(real)) {
            return;
        }
        if (!write && real.startsWith(javaHome())) {
            return;
        }
        throw Guard.refused(write ? "change files outside its scratch directory" : "read files outside its scratch"
                + " directory", member + " on " + path);
    }

    /** The absolute, normalised path with the symbolic links of its existing part resolved. */
    static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** The submission's scratch directory: the parent of the directory its classes were loaded from. */
    static Path scratch(String caller) {
        Path root = scratch;
        if (root == null) {
            root = locate(caller);
            scratch = root;
        }
        return root;
    }

    private static Path locate(String caller) {
        try {
            Class<?> type = Class.forName(caller, false, FilePolicy.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            Path classes = resolved(Path.of(source.getLocation().toURI()));
            Path parent = classes.getParent();
            return parent == null ? classes : parent;
        } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
            throw Guard.refused("touch files", "cannot tell where the submission's classes are: " + e);
        }
    }

    private static Path javaHome() {
        Path home = javaHome;
        if (home == null) {
            home = resolved(Path.of(System.getProperty("java.home")));
            javaHome = home;
        }
        return home;
    }
}
