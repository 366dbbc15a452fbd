package kit.grader.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFinderTest {

    @TempDir
    Path dir;

    private final SourceFinder finder = new SourceFinder();

    private Path write(String relative, String text) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    @DisplayName("keeps task packages (and their subpackages), leaves out the rest and says so")
    void keepsTaskPackagesOnly() throws Exception {
        write("src/main/java/concurrency/download/Downloader.java", "/* package x; */\npackage concurrency.download;\nclass Downloader {}");
        write("src/main/java/concurrency/download/util/Pool.java", "package concurrency.download.util;\nclass Pool {}");
        write("src/main/java/concurrency/util/Helper.java", "package concurrency.util;\nclass Helper {}");
        write("src/main/java/Main.java", "class Main {}");
        Submission s = finder.find(dir);
        assertThat(s.sources()).extracting(SourceFile::task).containsOnly("download");
        assertThat(s.sources()).hasSize(2);
        assertThat(s.notes()).singleElement().asString().contains("Left out 2 files")
                .contains("src/main/java/concurrency/util/Helper.java (package concurrency.util)")
                .contains("src/main/java/Main.java (no package)");
    }

    @Test
    @DisplayName("reads a file that is not UTF-8 as ISO-8859-1 and notes it")
    void latin1() throws Exception {
        Path file = dir.resolve("src/main/java/concurrency/counter/LockedCounter.java");
        Files.createDirectories(file.getParent());
        Files.write(file, "// é\npackage concurrency.counter;\nclass LockedCounter {}".getBytes(StandardCharsets.ISO_8859_1));
        Submission s = finder.find(dir);
        assertThat(s.sources().get(0).content()).startsWith("// é");
        assertThat(s.notes()).singleElement().asString().contains("is not valid UTF-8; it was read as ISO-8859-1");
    }

    @Test
    @DisplayName("finds the sources under exercises/ or solutions/, and refuses a directory holding both")
    void nestedLayouts() throws Exception {
        write("solutions/src/main/java/concurrency/primes/PrimePool.java", "package concurrency.primes;\nclass PrimePool {}");
        assertThat(finder.find(dir).sourceRoot()).endsWith(Path.of("solutions/src/main/java"));
        write("exercises/src/main/java/concurrency/primes/PrimePool.java", "package concurrency.primes;\nclass PrimePool {}");
        assertThatThrownBy(() -> finder.find(dir)).isInstanceOf(BadSubmissionException.class)
                .hasMessageContaining("holds both exercises/ and solutions/");
    }

    @Test
    @DisplayName("an absurdly large source file is refused")
    void tooLarge() throws Exception {
        write("src/main/java/concurrency/primes/PrimePool.java", "package concurrency.primes;\n//" + "x".repeat(1_100_000));
        assertThatThrownBy(() -> finder.find(dir)).isInstanceOf(BadSubmissionException.class)
                .hasMessageContaining("source files over 1000000 bytes are not graded");
    }

    @Test
    @DisplayName("reads the package past comments and annotations' text")
    void packageOf() {
        assertThat(SourceFinder.packageOf("// package wrong;\n/* package wrong2; */\npackage concurrency.gather;"))
                .isEqualTo("concurrency.gather");
        assertThat(SourceFinder.packageOf("class NoPackage {}")).isEmpty();
    }
}
