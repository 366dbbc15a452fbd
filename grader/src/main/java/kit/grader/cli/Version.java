package kit.grader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The grader's version, written into {@code kit/grader/version.properties} by the build. */
final class Version {

    private Version() {
    }

    static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/kit/grader/version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
