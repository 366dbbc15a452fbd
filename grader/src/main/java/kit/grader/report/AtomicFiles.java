package kit.grader.report;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file so that a reader (or a crash) only ever sees the old content or the whole new one: the text
 * goes to a temporary file in the same directory, which is then renamed over the target. A rename within one
 * directory is atomic on every file system the grader runs on; where the file system says it is not, the
 * plain replacing rename is the fallback.
 */
public final class AtomicFiles {

    /** Something that writes a file's content. */
    public interface Body {
        void write(Writer w) throws IOException;
    }

    /** Something that writes a file's bytes. */
    public interface StreamBody {
        void write(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Replaces {@code file} with what {@code body} writes (UTF-8), creating its directory if needed. */
    public static void write(Path file, Body body) throws IOException {
        writeBytes(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            // Writers such as Jackson's close what they are given; the rename must still come after the flush.
            body.write(new FilterWriter(w) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            w.flush();
        });
    }

    /** Replaces {@code file} with the bytes {@code body} writes, creating its directory if needed. */
    public static void writeBytes(Path file, StreamBody body) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its files are private (0600); a report keeps the usual permissions (umask).
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                body.write(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
