package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Classroom50OptionTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("--classroom50 writes result.json and release-body.md even when the submission has no sources")
    void alwaysWrites() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path result = dir.resolve("out/result.json");
        StringWriter err = new StringWriter();
        int status = Main.run(Map.of("CLASSROOM", "cs101", "ASSIGNMENT", "kit", "OWNER", "bob"),
                new PrintWriter(new StringWriter()), new PrintWriter(err), empty.toString(), "--classroom50",
                result.toString());
        assertThat(status).as("exit status for a submission without sources (stderr: %s)", err).isEqualTo(2);
        JsonNode doc = new ObjectMapper().readTree(result.toFile());
        assertThat(doc.get("schema").asText()).isEqualTo("classroom50/result/v1");
        assertThat(doc.get("owner").asText()).isEqualTo("bob");
        assertThat(doc.get("score").asLong()).isZero();
        assertThat(doc.get("max-score").asLong()).isEqualTo(100);
        assertThat(doc.get("tests")).hasSize(9);
        doc.get("tests").forEach(row -> {
            assertThat(row.get("score").asLong()).isZero();
            assertThat(row.get("message").asText()).startsWith("not graded:");
        });
        assertThat(Files.readString(dir.resolve("out/release-body.md"))).contains("**Not graded:**");
    }

    @Test
    @DisplayName("--classroom50 grades one submission: several directories are refused")
    void oneSubmission() throws Exception {
        StringWriter err = new StringWriter();
        int status = Main.run(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err),
                dir.toString(), dir.toString(), "--classroom50", dir.resolve("r.json").toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--classroom50 writes the result of one submission");
    }
}
