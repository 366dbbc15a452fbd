package kit.grader;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/** Files packaged with the grader: read the same way from grader.jar and from {@code target/classes}. */
public final class PackagedFiles {

    private PackagedFiles() {
    }

    /** The path of a packaged resource's {@code uri}: inside the jar's file system (opened once), or on disk. */
    public static Path path(URI uri) throws IOException {
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        FileSystem fs;
        try {
            fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(uri);
        }
        return fs.provider().getPath(uri);
    }
}
