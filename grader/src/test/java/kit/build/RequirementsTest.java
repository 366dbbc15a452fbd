package kit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kit.grader.model.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every graded requirement is written in the assignment: each hidden test's {@code @Graded(requirement = …)} is
 * found word for word in its task's stub Javadoc, and {@code docs/what-is-graded.md} lists exactly what the
 * hidden tests declare.
 *
 * <p>{@code -Dkit.whatIsGraded.write=true} rewrites the page instead of comparing it (see
 * {@link WhatIsGradedPage#REGENERATE}).
 */
class RequirementsTest {

    private static final Path PAGE = KitLayout.root().resolve("docs/what-is-graded.md");

    @Test
    @DisplayName("every hidden test's requirement is found word for word in its task's stub Javadoc")
    void everyRequirementIsInTheStubJavadoc() {
        List<GradedEntry> tests = GradedEntry.all();
        assertThat(tests).as("graded hidden tests found").hasSizeGreaterThan(50);
        assertThat(RequirementCheck.problems(tests, stubJavadoc())).as("requirements not written in the assignment")
                .isEmpty();
    }

    @Test
    @DisplayName("the check reports a requirement that is not in the stub's Javadoc, and a missing one, and accepts one that is")
    void theCheckReportsAMissingRequirement() {
        Map<String, List<String>> javadoc = Map.of("counter", StubJavadoc.ofSource("""
                /**
                 * Adds one to the count. Safe to call from any number of threads at once: no increment is ever
                 * lost. Release the {@code lock} in a {@code finally} block.
                 */"""));
        GradedEntry found = test("Safe to call from any number of threads at once: no increment is ever lost.");
        GradedEntry markupRead = test("Release the lock in a finally block.");
        GradedEntry notWritten = test("increment() finishes in under a microsecond.");
        GradedEntry blank = test(" ");

        List<String> problems = RequirementCheck.problems(List.of(found, markupRead, notWritten, blank), javadoc);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("LockedCounterHiddenTest.x", "increment() finishes in under a microsecond.",
                "not in counter's stub Javadoc");
        assertThat(problems.get(1)).contains("has no requirement");
    }

    @Test
    @DisplayName("stub Javadoc is read as rendered: line breaks, * prefixes, {@code}/{@link} markup and HTML tags become plain text")
    void javadocIsReadAsPlainText() {
        String text = StubJavadoc.plainText("""
                 * <p>Puts the item with {@code queue.put(item)} and prints {@code Produced <item>}; see
                 * {@link java.util.concurrent.ArrayBlockingQueue}, {@link #consume}, {@link #run(List, int) the runner}
                 * and {@link java.util.concurrent.CompletableFuture#delayedExecutor(long, java.util.concurrent.TimeUnit)}.
                 * <ul><li>{@code i &lt; n} &amp; 10<sup>13</sup></ul>
                """);
        assertThat(text).isEqualTo("Puts the item with queue.put(item) and prints Produced <item>; see"
                + " ArrayBlockingQueue, consume, the runner and delayedExecutor. i &lt; n & 10 13");
    }

    @Test
    @DisplayName("docs/what-is-graded.md lists every hidden test with its points, kind and requirement (regenerate it when this fails)")
    void whatIsGradedPageIsUpToDate() throws IOException {
        String page = WhatIsGradedPage.render(GradedEntry.all());
        if (Boolean.getBoolean("kit.whatIsGraded.write")) {
            Files.writeString(PAGE, page, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(PAGE)).as("%s exists; create it with: %s", PAGE, WhatIsGradedPage.REGENERATE).isTrue();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/what-is-graded.md is out of date; regenerate it with: %s", WhatIsGradedPage.REGENERATE)
                .isEqualTo(page);
    }

    private static GradedEntry test(String requirement) {
        return new GradedEntry("counter", "LockedCounterHiddenTest", "x", "a test", 1, "correctness", requirement);
    }

    private static Map<String, List<String>> stubJavadoc() {
        Map<String, List<String>> byTask = new LinkedHashMap<>();
        for (Task task : Task.ALL) {
            Path dir = KitLayout.root().resolve("exercises/src/main/java").resolve(task.directory());
            if (Files.isDirectory(dir)) {
                byTask.put(task.id(), StubJavadoc.ofPackage(dir));
            }
        }
        return byTask;
    }
}
