package kit.grader.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import kit.grader.model.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private GradingConfig load(String json) throws Exception {
        return loader.load(Files.writeString(dir.resolve("grading.json"), json));
    }

    private void rejects(String json, String message) {
        assertThatThrownBy(() -> load(json)).isInstanceOf(ConfigException.class).hasMessageContaining(message)
                .hasMessageStartingWith("grading.json: ");
    }

    @Test
    @DisplayName("the built-in config has the contract's nine tasks and points, 100 in all, every task on")
    void defaults() {
        GradingConfig c = loader.loadDefault();
        assertThat(c.tasks().keySet()).containsExactlyInAnyOrderElementsOf(Task.ALL.stream().map(Task::id).toList());
        assertThat(c.tasks().values().stream().mapToDouble(GradingConfig.TaskSetting::points).sum()).isEqualTo(100);
        assertThat(c.tasks().values()).allMatch(GradingConfig.TaskSetting::enabled);
        assertThat(c.tasks().get("pipeline").points()).isEqualTo(12);
        assertThat(c.testSeconds()).isEqualTo(10);
    }

    @Test
    @DisplayName("the kit's grader/grading.json is the built-in config")
    void repositoryFileIsTheDefault() throws Exception {
        Path file = kitRoot().resolve("grader/grading.json");
        assertThat(loader.load(file)).isEqualTo(loader.loadDefault());
    }

    @Test
    @DisplayName("a file changes only what it names: points, switches, per-test points, limits")
    void mergesWithDefaults() throws Exception {
        GradingConfig c = load("{\"tasks\": {\"download\": {\"points\": 20}, \"primes\": {\"enabled\": false}},"
                + " \"tests\": {\"counter\": {\"some test\": 3}}, \"limits\": {\"testSeconds\": 5}}");
        assertThat(c.tasks().get("download")).isEqualTo(new GradingConfig.TaskSetting(20, true));
        assertThat(c.tasks().get("primes")).isEqualTo(new GradingConfig.TaskSetting(10, false));
        assertThat(c.tasks().get("counter")).isEqualTo(new GradingConfig.TaskSetting(10, true));
        assertThat(c.testPoints().get("counter")).containsEntry("some test", 3.0);
        assertThat(c.testSeconds()).isEqualTo(5);
        assertThat(c.submissionSeconds()).isEqualTo(120);
    }

    @Test
    @DisplayName("mistakes are one clear line naming the file and the key")
    void mistakes() {
        rejects("{\"tasks\": {\"downlaod\": {}}}", "task 'downlaod' is not a task; known tasks: download, counter");
        rejects("{\"task\": {}}", "unknown key 'task' in the top level; allowed: limits, tasks, tests");
        rejects("{\"tasks\": {\"download\": {\"point\": 3}}}", "unknown key 'point' in task 'download'");
        rejects("{\"tasks\": {\"download\": {\"points\": \"ten\"}}}", "task 'download' points must be a number >= 0");
        rejects("{\"tasks\": {\"download\": {\"enabled\": \"yes\"}}}", "enabled must be true or false");
        rejects("{\"tests\": {\"download\": {\"x\": -1}}}", "test 'x' of task 'download' must be a number >= 0");
        rejects("{\"limits\": {\"testSeconds\": 0}}", "limits testSeconds must be a number of seconds");
        rejects("[1, 2]", "expected a JSON object");
        rejects("{\"tasks\": ", "not valid JSON at line 1");
    }

    static Path kitRoot() {
        Path d = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(d.resolve("exercises"))) {
            d = d.getParent();
        }
        return d;
    }
}
