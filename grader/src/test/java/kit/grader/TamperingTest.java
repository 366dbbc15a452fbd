package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kit.grader.compile.StubLibrary;
import kit.grader.compile.SubmissionCompiler;
import kit.grader.find.SourceFinder;
import kit.grader.find.Submission;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions that try to fool the grader, built from the fixtures that {@link FixturesTest} cannot express
 * (several folders, resources, build files, public tests) and graded in-process with one task each: they earn
 * exactly what their real work earns, and the report says what was left out or changed.
 */
class TamperingTest {

    @TempDir
    Path scratch;

    private static final Path FIXTURES = Kit.root().resolve("grader/src/test/fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("files in concurrency/download/ that declare JUnit, opentest4j, AssertJ, ArchUnit or grader packages are left out and listed; full marks")
    void foreignPackagesAreLeftOut() throws IOException {
        Path dir = Kit.overlay(scratch.resolve("foreign"), "concurrency/download",
                FIXTURES.resolve("download--foreign-packages/src/main/java/concurrency/download"));
        JsonNode result = grade(dir, "download");
        JsonNode download = GoldenTest.task(result, "download");
        assertThat(download.get("score").asDouble()).as("download, tests: %s", download.get("tests"))
                .isEqualTo(download.get("maxScore").asDouble()).isEqualTo(10);
        String notes = result.get("notes").toString();
        assertThat(notes).contains("Left out 5 files outside the task packages");
        for (String left : List.of("Assertions.java (package org.junit.jupiter.api)",
                "AssertionFailedError.java (package org.opentest4j)", "AssertJAssertions.java (package org.assertj.core.api)",
                "ArchRule.java (package com.tngtech.archunit.lang)", "ChildRunner.java (package kit.grader.child)")) {
            assertThat(notes).contains("src/main/java/concurrency/download/" + left);
        }
    }

    @Test
    @DisplayName("a submitted concurrency.pipeline.CountingQueue (a hidden-test helper's name) makes pipeline not compile, with file, line and the reason")
    void graderClassNameIsACompileError() throws IOException {
        Path dir = Kit.overlay(scratch.resolve("shadow"), "concurrency/pipeline",
                FIXTURES.resolve("pipeline--grader-class-name/src/main/java/concurrency/pipeline"));
        JsonNode pipeline = GoldenTest.task(grade(dir, "pipeline"), "pipeline");
        assertThat(pipeline.get("score").asDouble()).isZero();
        JsonNode error = pipeline.get("compileErrors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("src/main/java/concurrency/pipeline/CountingQueue.java");
        assertThat(error.get("line").asLong()).isEqualTo(6);
        assertThat(error.get("message").asText()).startsWith(
                "concurrency.pipeline.CountingQueue has the name of one of the grader's own classes; rename it");
        assertThat(GoldenTest.statuses(pipeline)).containsOnly("not-compiled");
    }

    @Test
    @DisplayName("service files and junit-platform.properties in src/main/resources and src/main/java never reach the test JVM: full marks, classes only")
    void resourcesNeverReachTheTestJvm() throws Exception {
        Path dir = Kit.referenceCopy(scratch.resolve("resources"));
        mergeInto(FIXTURES.resolve("primes--resources-on-classpath/src"), dir.resolve("src"));
        assertThat(dir.resolve("src/main/java/junit-platform.properties")).exists();
        assertThat(dir.resolve("src/main/resources/META-INF/services/org.junit.platform.engine.TestEngine")).exists();

        Submission submission = new SourceFinder().find(dir);
        Path classes = scratch.resolve("classes");
        new SubmissionCompiler(StubLibrary.load()).compile(submission, List.of("primes"), classes);
        try (Stream<Path> walk = Files.walk(classes)) {
            assertThat(walk.filter(Files::isRegularFile).map(p -> classes.relativize(p).toString()))
                    .as("what the test JVM's class path gets from the submission").isNotEmpty()
                    .allMatch(p -> p.startsWith("concurrency/primes/") && p.endsWith(".class"));
        }
        JsonNode primes = GoldenTest.task(grade(dir, "primes"), "primes");
        assertThat(GoldenTest.statuses(primes)).as("tests: %s", primes.get("tests")).containsOnly("passed");
        assertThat(primes.get("score").asDouble()).isEqualTo(10);
    }

    @Test
    @DisplayName("a stub printing fake JUnit summaries, a fake grader report and workflow commands scores 0, and no report line is a command")
    void fakeReportsScoreNothing() throws IOException {
        Path dir = Kit.overlay(scratch.resolve("fake"), "concurrency/primes",
                FIXTURES.resolve("primes--fake-reports/src/main/java/concurrency/primes"));
        Path json = scratch.resolve("fake.json");
        Path markdown = scratch.resolve("fake.md");
        Kit.Run run = Kit.grade(dir.toString(), "--task", "primes", "--verbose", "--no-color", "--json", json.toString(),
                "--markdown", markdown.toString());
        assertThat(run.status()).as("stderr: %s", run.err()).isZero();
        JsonNode result = JSON.readTree(json.toFile());
        JsonNode primes = GoldenTest.task(result, "primes");
        assertThat(primes.get("score").asDouble()).as("tests: %s", primes.get("tests")).isZero();
        assertThat(result.get("score").asDouble()).isZero();
        assertThat(primes.get("tests").toString()).as("the fake report was printed and captured")
                .contains("Points 100/100", "::add-mask::Total");
        String md = Files.readString(markdown);
        for (String report : List.of(run.out(), md)) {
            assertThat(Arrays.stream(report.split("\r?\n")).map(String::strip)
                    .filter(l -> l.startsWith("::") || l.startsWith("##[")))
                    .as("lines a GitHub runner would read as workflow commands").isEmpty();
            assertThat(report).doesNotContain("\u001b", "\r✓");
        }
        assertThat(run.out()).contains(": :error title=Grader::Points 100/100").contains("Total: 0 / 10 points");
    }

    @Test
    @DisplayName("a template copy with a changed public test, an added test, a changed pom.xml and a deleted file scores what its sources score; every report flags the four files")
    void tamperedRepositoryIsFlaggedAndScoresItsSources() throws IOException {
        Path fixture = FIXTURES.resolve("download--tampered-repository");
        Properties p = Kit.properties(fixture.resolve("tamper.properties"));
        Path tampered = templateCopy(scratch.resolve("tampered"));
        for (String part : List.of("pom.xml", "src")) {
            Path from = fixture.resolve(part);
            if (Files.isDirectory(from)) {
                mergeInto(from, tampered.resolve(part));
            } else {
                Files.copy(from, tampered.resolve(part), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String gone : p.getProperty("delete").split("\\|")) {
            Files.delete(tampered.resolve(gone));
        }
        Path honest = templateCopy(scratch.resolve("honest"));
        List<String> flagged = List.of(p.getProperty("flagged").split("\\|"));

        Path csv = scratch.resolve("grades.csv");
        Path feedback = scratch.resolve("feedback");
        Path summary = scratch.resolve("summary.md");
        Path classJson = scratch.resolve("class.json");
        Kit.Run run = Kit.grade(tampered.toString(), honest.toString(), "--task", "download", "--no-color", "--csv",
                csv.toString(), "--feedback", feedback.toString(), "--markdown", summary.toString(), "--json",
                classJson.toString());
        assertThat(run.status()).as("stderr: %s", run.err()).isZero();
        Map<String, CSVRecord> rows = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            assertThat(parser.getHeaderNames()).endsWith("note", "protected_files_changed", "isolation");
            parser.forEach(r -> rows.put(r.get("submission"), r));
        }
        assertThat(rows.get("tampered").get("download")).as("the tampered repository scores what its stubs score")
                .isEqualTo(rows.get("honest").get("download")).isEqualTo("0");
        assertThat(rows.get("tampered").get("protected_files_changed")).isEqualTo(Integer.toString(flagged.size()));
        assertThat(rows.get("honest").get("protected_files_changed")).isEqualTo("0");
        assertThat(run.out()).contains("Protected files changed").contains("tampered (4)").doesNotContain("honest (");
        assertThat(Files.readString(summary)).contains("**Protected files changed**").contains("tampered (4)");
        assertThat(JSON.readTree(classJson.toFile()).get("summary").get("protectedFilesChanged").toString())
                .isEqualTo("[{\"submission\":\"tampered\",\"files\":4}]");
        String tamperedFeedback = Files.readString(feedback.resolve("tampered.md"));
        String honestFeedback = Files.readString(feedback.resolve("honest.md"));
        assertThat(honestFeedback).doesNotContain("protected file");

        Path json = scratch.resolve("tampered.json");
        Kit.Run single = Kit.grade(tampered.toString(), "--task", "download", "--no-color", "--json", json.toString());
        assertThat(single.status()).as("stderr: %s", single.err()).isZero();
        String notes = JSON.readTree(json.toFile()).get("notes").toString();
        for (String file : flagged) {
            assertThat(notes).as("JSON notes").contains(file);
            assertThat(single.out()).as("terminal report").contains(file);
            // Markdown escapes _ and [; the paths here have neither, only the note's wording around them.
            assertThat(tamperedFeedback).as("feedback file").contains(file);
        }
        assertThat(single.out()).contains("4 protected files of the template differ from it");
    }

    /** A student's repository made from the template: the exercises/ folder as export-template.sh writes it. */
    private static Path templateCopy(Path dir) {
        Path exercises = Kit.exercises();
        for (String part : List.of("src/main", "src/test", ".github")) {
            Kit.copyTree(exercises.resolve(part), dir.resolve(part));
        }
        try {
            Files.copy(exercises.resolve("pom.xml"), dir.resolve("pom.xml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    /** Copies every file under {@code from} to the same place under {@code to}, replacing what is there. */
    private static void mergeInto(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Grades {@code dir} with one task, in-process, and returns its JSON report. */
    private JsonNode grade(Path dir, String task) throws IOException {
        Path json = scratch.resolve(dir.getFileName() + ".json");
        List<String> args = new ArrayList<>(List.of(dir.toString(), "--task", task, "--quiet", "--no-color", "--json",
                json.toString(), "--test-timeout", "30"));
        Kit.Run run = Kit.grade(args.toArray(String[]::new));
        assertThat(run.status()).as("grading %s; stderr: %s", dir, run.err()).isZero();
        return JSON.readTree(json.toFile());
    }
}
