package kit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Proves that the student template stands alone: {@code exercises/} copied by itself into an empty
 * directory builds with {@code mvn test}, and every public test fails on the stubs with a
 * "not implemented yet" message.
 */
class ExercisesTemplateTest {

    private static final List<String> TASK_PACKAGES = List.of(
            "download", "counter", "pipeline", "primes", "shared", "gather", "resource", "iteration", "choosing");

    @TempDir
    static Path scratch;

    private static Path copy;
    private static int exitCode;
    private static String buildLog;

    @BeforeAll
    static void buildTheTemplateAlone() throws Exception {
        copy = scratch.resolve("template");
        copyTree(KitLayout.root().resolve("exercises"), copy);
        Path log = scratch.resolve("mvn.log");
        Process mvn = new ProcessBuilder(mavenCommand(), "-B", "test")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!mvn.waitFor(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS)) {
            mvn.descendants().forEach(ProcessHandle::destroyForcibly);
            mvn.destroyForcibly();
        }
        exitCode = mvn.exitValue();
        buildLog = Files.readString(log);
    }

    @Test
    @DisplayName("exercises/ copied alone compiles its stubs, demos and public tests with its own pom.xml")
    void templateCompilesAlone() {
        assertThat(copy.resolve("target/test-classes/concurrency"))
                .as("the template's public tests should compile with nothing but exercises/pom.xml; build log:%n%s",
                        tail(buildLog))
                .isDirectory();
        assertThat(copy.resolve("target/classes/concurrency/download/Demo.class"))
                .as("the demos (src/demo/java) should compile in the template")
                .exists();
        assertThat(buildLog).doesNotContain("COMPILATION ERROR");
    }

    @Test
    @DisplayName("every public test fails on the stubs with a 'not implemented yet' message")
    void everyPublicTestFailsOnTheStubsWithNotImplementedYet() throws Exception {
        assertThat(exitCode).as("mvn test on the untouched template should fail (the stubs are empty)").isNotZero();
        Map<String, String> failures = new TreeMap<>();
        List<String> passedOrOther = new ArrayList<>();
        Path reports = copy.resolve("target/surefire-reports");
        assertThat(reports).as("surefire reports of the template build; log:%n%s", tail(buildLog)).isDirectory();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList()) {
                readTestCases(report, failures, passedOrOther);
            }
        }
        assertThat(passedOrOther).as("public tests that did not fail with a 'not implemented yet' message").isEmpty();
        for (String pkg : TASK_PACKAGES) {
            assertThat(failures.keySet())
                    .as("public tests of concurrency.%s", pkg)
                    .anyMatch(name -> name.startsWith("concurrency." + pkg + "."));
        }
    }

    @Test
    @DisplayName("the template's pom.xml pins the same versions as the kit's root pom.xml")
    void templateVersionsMatchTheKit() throws Exception {
        Map<String, String> kit = properties(KitLayout.root().resolve("pom.xml"));
        Map<String, String> template = properties(KitLayout.root().resolve("exercises/pom.xml"));
        for (Map.Entry<String, String> entry : template.entrySet()) {
            if (kit.containsKey(entry.getKey())) {
                assertThat(entry.getValue())
                        .as("exercises/pom.xml property %s should equal the root pom's", entry.getKey())
                        .isEqualTo(kit.get(entry.getKey()));
            }
        }
        assertThat(template).containsKeys("junit.version", "compiler-plugin.version", "surefire.version");
    }

    private static void readTestCases(Path report, Map<String, String> failures, List<String> other)
            throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            String name = testCase.getAttribute("classname") + "." + testCase.getAttribute("name");
            NodeList failed = testCase.getElementsByTagName("failure");
            String message = failed.getLength() == 0 ? null : ((Element) failed.item(0)).getAttribute("message");
            if (message != null && message.contains("is not implemented yet")) {
                failures.put(name, message);
            } else {
                other.add(name + " -> " + (message == null ? describeOutcome(testCase) : message));
            }
        }
    }

    private static String describeOutcome(Element testCase) {
        if (testCase.getElementsByTagName("error").getLength() > 0) {
            Element error = (Element) testCase.getElementsByTagName("error").item(0);
            return "error " + error.getAttribute("type") + ": " + error.getAttribute("message");
        }
        return testCase.getElementsByTagName("skipped").getLength() > 0 ? "skipped" : "passed";
    }

    private static Map<String, String> properties(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Element props = (Element) doc.getDocumentElement().getElementsByTagName("properties").item(0);
        Map<String, String> values = new TreeMap<>();
        NodeList children = props.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element) {
                values.put(element.getTagName(), element.getTextContent().trim());
            }
        }
        return values;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static String mavenCommand() {
        String home = System.getProperty("maven.home");
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        String executable = windows ? "mvn.cmd" : "mvn";
        if (home != null && Files.isExecutable(Paths.get(home, "bin", executable))) {
            return Paths.get(home, "bin", executable).toString();
        }
        return executable;
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }
}
