package concurrency.shared;

import concurrency.demo.StubNotice;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The lesson's shared-memory example: 4 processes (real child JVMs) each increment one shared counter
 * 100 times under a file lock, and the counter ends at 400.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=shared}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, URISyntaxException {
        // exec:java runs this demo inside Maven's JVM, whose java.class.path is Maven's own: add the
        // directory of our classes so that the child JVMs find concurrency.shared.SharedCounter.
        String classes = Path.of(SharedCounter.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(classes)) {
            System.setProperty("java.class.path", classPath.isEmpty() ? classes : classes + File.pathSeparator + classPath);
        }
        Path file = Files.createTempFile("shared-counter", ".bin");
        try {
            long start = System.nanoTime();
            long total = SharedCounter.runProcesses(file, 4, 100);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(total);
            System.out.println(String.format(Locale.ROOT,
                    "4 processes × 100 increments under a FileLock gave %d in %.2f s (4 child JVMs)", total, seconds));
        } catch (UnsupportedOperationException e) {
            System.err.println(StubNotice.describe(e));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
