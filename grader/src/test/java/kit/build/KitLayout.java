package kit.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the kit's root directory from the grader module's working directory. */
final class KitLayout {

    private KitLayout() {
    }

    /** The directory that holds the kit's root pom.xml, exercises/ and solutions/. */
    static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("exercises")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("solutions"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the kit's root (a directory with pom.xml, exercises/, solutions/)"
                + " above " + Paths.get("").toAbsolutePath());
    }
}
