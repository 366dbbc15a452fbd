package kit.grader.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import kit.grader.model.Task;

/**
 * Reads and validates a scoring file ({@code grading.json}); every mistake becomes a one-line message
 * that starts with the file's name.
 */
public final class ConfigLoader {

    private static final String DEFAULT_RESOURCE = "/kit/grader/grading.json";
    private static final Set<String> TOP_KEYS = Set.of("tasks", "tests", "limits");
    private static final Set<String> TASK_KEYS = Set.of("points", "enabled");
    private static final Set<String> LIMIT_KEYS = Set.of("testSeconds", "submissionSeconds");

    private final ObjectMapper mapper = new ObjectMapper();

    /** Returns the kit's default settings (the contract's points, every task on). */
    public GradingConfig loadDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the grader was built without " + DEFAULT_RESOURCE);
            }
            return parse("grading.json", mapper.readTree(in));
        } catch (IOException | ConfigException e) {
            throw new IllegalStateException("the built-in grading.json is broken: " + e.getMessage(), e);
        }
    }

    /** Reads {@code file}; tasks and limits it does not mention keep their defaults. */
    public GradingConfig load(Path file) throws ConfigException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(name + ": no such file");
        }
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException(name + ": cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(name + ": the file is empty");
        }
        return merge(loadDefault(), parse(name, root), root);
    }

    private GradingConfig merge(GradingConfig base, GradingConfig given, JsonNode root) {
        Map<String, GradingConfig.TaskSetting> tasks = new LinkedHashMap<>(base.tasks());
        JsonNode givenTasks = root.path("tasks");
        givenTasks.fieldNames().forEachRemaining(id -> {
            GradingConfig.TaskSetting old = base.tasks().get(id);
            JsonNode node = givenTasks.get(id);
            double points = node.has("points") ? node.get("points").asDouble() : old.points();
            boolean enabled = node.has("enabled") ? node.get("enabled").asBoolean() : old.enabled();
            tasks.put(id, new GradingConfig.TaskSetting(points, enabled));
        });
        JsonNode limits = root.path("limits");
        double test = limits.has("testSeconds") ? given.testSeconds() : base.testSeconds();
        double submission = limits.has("submissionSeconds") ? given.submissionSeconds() : base.submissionSeconds();
        return new GradingConfig(tasks, given.testPoints(), test, submission);
    }

    private GradingConfig parse(String name, JsonNode root) throws ConfigException {
        if (!root.isObject()) {
            throw new ConfigException(name + ": expected a JSON object with \"tasks\", \"tests\" and \"limits\"");
        }
        checkKeys(name, "the top level", root, TOP_KEYS);
        Map<String, GradingConfig.TaskSetting> tasks = new LinkedHashMap<>();
        JsonNode taskNode = root.path("tasks");
        if (!taskNode.isMissingNode()) {
            requireObject(name, "\"tasks\"", taskNode);
            for (Iterator<String> it = taskNode.fieldNames(); it.hasNext(); ) {
                String id = it.next();
                requireTask(name, id);
                JsonNode node = taskNode.get(id);
                requireObject(name, "task '" + id + "'", node);
                checkKeys(name, "task '" + id + "'", node, TASK_KEYS);
                double points = number(name, "task '" + id + "' points", node.get("points"), 10);
                boolean enabled = true;
                if (node.has("enabled")) {
                    if (!node.get("enabled").isBoolean()) {
                        throw new ConfigException(name + ": task '" + id + "' enabled must be true or false, not "
                                + node.get("enabled"));
                    }
                    enabled = node.get("enabled").asBoolean();
                }
                tasks.put(id, new GradingConfig.TaskSetting(points, enabled));
            }
        }
        Map<String, Map<String, Double>> testPoints = new HashMap<>();
        JsonNode testNode = root.path("tests");
        if (!testNode.isMissingNode()) {
            requireObject(name, "\"tests\"", testNode);
            for (Iterator<String> it = testNode.fieldNames(); it.hasNext(); ) {
                String id = it.next();
                requireTask(name, id);
                JsonNode perTest = testNode.get(id);
                requireObject(name, "tests of task '" + id + "'", perTest);
                Map<String, Double> points = new LinkedHashMap<>();
                for (Iterator<String> names = perTest.fieldNames(); names.hasNext(); ) {
                    String test = names.next();
                    points.put(test, number(name, "test '" + test + "' of task '" + id + "'", perTest.get(test), 0));
                }
                testPoints.put(id, points);
            }
        }
        JsonNode limits = root.path("limits");
        double testSeconds = 10;
        double submissionSeconds = 120;
        if (!limits.isMissingNode()) {
            requireObject(name, "\"limits\"", limits);
            checkKeys(name, "\"limits\"", limits, LIMIT_KEYS);
            if (limits.has("testSeconds")) {
                testSeconds = positive(name, "limits testSeconds", limits.get("testSeconds"));
            }
            if (limits.has("submissionSeconds")) {
                submissionSeconds = positive(name, "limits submissionSeconds", limits.get("submissionSeconds"));
            }
        }
        return new GradingConfig(tasks, testPoints, testSeconds, submissionSeconds);
    }

    private static void requireTask(String name, String id) throws ConfigException {
        if (Task.byId(id).isEmpty()) {
            throw new ConfigException(name + ": task '" + id + "' is not a task; known tasks: " + Task.knownIds());
        }
    }

    private static void requireObject(String name, String what, JsonNode node) throws ConfigException {
        if (!(node instanceof ObjectNode)) {
            throw new ConfigException(name + ": " + what + " must be a JSON object, not " + node);
        }
    }

    private static void checkKeys(String name, String where, JsonNode node, Set<String> allowed)
            throws ConfigException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key) && !key.startsWith("_")) {
                throw new ConfigException(name + ": unknown key '" + key + "' in " + where + "; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static double number(String name, String what, JsonNode node, double fallback) throws ConfigException {
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || Double.isNaN(node.asDouble())
                || Double.isInfinite(node.asDouble())) {
            throw new ConfigException(name + ": " + what + " must be a number >= 0, not " + node);
        }
        return node.asDouble();
    }

    private static double positive(String name, String what, JsonNode node) throws ConfigException {
        if (!node.isNumber() || node.asDouble() <= 0 || node.asDouble() > 3600) {
            throw new ConfigException(name + ": " + what + " must be a number of seconds between 0 and 3600, not "
                    + node);
        }
        return node.asDouble();
    }
}
