package kit.grader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kit.grader.find.SourceFile;
import kit.grader.find.Submission;
import kit.grader.model.CompileError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submitted class that has the binary name of one of the grader's own classes is a compile error of its task,
 * with file and line: the test JVM would otherwise run the grader's class in its place.
 */
class ShadowedNamesTest {

    @TempDir
    Path scratch;

    private static final StubLibrary STUBS = StubLibrary.load();

    @Test
    @DisplayName("the grader's own class names are read from its class path: hidden tests and helpers of task packages, nested ones too, nothing else")
    void graderClassNamesComeFromTheClassPath() {
        GraderClassNames names = GraderClassNames.ofThisGrader();
        assertThat(names.all()).contains("concurrency.pipeline.CountingQueue", "concurrency.counter.SpyLock",
                "concurrency.counter.SpyLock$Pause", "concurrency.download.DownloaderHiddenTest");
        assertThat(names.all()).as("only task packages: other classes are never compiled from a submission")
                .allMatch(n -> n.startsWith("concurrency."))
                .doesNotContain("concurrency.download.Downloader", "concurrency.pipeline.Pipeline");
    }

    @Test
    @DisplayName("a top-level class named like a hidden-test helper (CountingQueue) makes its task not compile, with file and line")
    void topLevelClash() throws Exception {
        List<SourceFile> sources = new ArrayList<>(STUBS.of("pipeline").stream().map(ShadowedNamesTest::submitted)
                .toList());
        sources.add(new SourceFile("src/main/java/concurrency/pipeline/CountingQueue.java", "concurrency.pipeline",
                "pipeline", "package concurrency.pipeline;\n\n/** Mine. */\nclass CountingQueue {\n}\n"));
        CompileResult result = compile(sources, List.of("pipeline"), GraderClassNames.ofThisGrader());
        assertThat(result.broken()).containsOnlyKeys("pipeline");
        assertThat(result.broken().get("pipeline")).extracting(CompileError::describe).containsExactly(
                "src/main/java/concurrency/pipeline/CountingQueue.java:4: concurrency.pipeline.CountingQueue has the "
                        + "name of one of the grader's own classes; rename it (the grader's class would run in its place)");
    }

    @Test
    @DisplayName("a nested class whose binary name (Outer$Inner) is a grader class is reported at the nested declaration")
    void nestedClash() throws Exception {
        List<SourceFile> sources = new ArrayList<>();
        for (SourceFile stub : STUBS.of("download")) {
            String content = stub.content();
            if (stub.simpleName().equals("Downloader")) {
                int end = content.lastIndexOf('}');
                content = content.substring(0, end) + "\n    static final class Helper {\n    }\n}\n";
            }
            sources.add(submitted(new SourceFile(stub.path(), stub.packageName(), stub.task(), content)));
        }
        String downloader = sources.stream().filter(s -> s.simpleName().equals("Downloader")).findFirst()
                .orElseThrow().content();
        long line = downloader.substring(0, downloader.indexOf("class Helper")).chars().filter(c -> c == '\n').count()
                + 1;
        CompileResult result = compile(sources, List.of("download"),
                GraderClassNames.of(Set.of("concurrency.download.Downloader$Helper")));
        assertThat(result.broken().get("download")).extracting(CompileError::describe).containsExactly(
                "src/main/java/concurrency/download/Downloader.java:" + line + ": concurrency.download.Downloader$Helper"
                        + " (a nested class) has the name of one of the grader's own classes; rename it (the grader's "
                        + "class would run in its place)");
    }

    @Test
    @DisplayName("a top-level class with a $ in its name (SpyLock$Pause) is caught by its binary name, and other tasks still compile")
    void dollarNameClash() throws Exception {
        List<SourceFile> sources = new ArrayList<>(STUBS.of("counter").stream().map(ShadowedNamesTest::submitted)
                .toList());
        sources.add(new SourceFile("src/main/java/concurrency/counter/Pause.java", "concurrency.counter", "counter",
                "package concurrency.counter;\nclass SpyLock$Pause {\n}\n"));
        sources.addAll(STUBS.of("primes").stream().map(ShadowedNamesTest::submitted).toList());
        CompileResult result = compile(sources, List.of("counter", "primes"), GraderClassNames.ofThisGrader());
        assertThat(result.broken()).containsOnlyKeys("counter");
        assertThat(result.broken().get("counter").get(0).describe()).startsWith(
                "src/main/java/concurrency/counter/Pause.java:2: concurrency.counter.SpyLock$Pause has the name");
    }

    @Test
    @DisplayName("without a clash the same sources compile cleanly (the check has nothing to say about honest names)")
    void noClash() throws Exception {
        List<SourceFile> sources = new ArrayList<>(STUBS.of("pipeline").stream().map(ShadowedNamesTest::submitted)
                .toList());
        sources.add(new SourceFile("src/main/java/concurrency/pipeline/MyQueue.java", "concurrency.pipeline",
                "pipeline", "package concurrency.pipeline;\nclass MyQueue {\n    static class CountingQueue {\n    }\n}\n"));
        CompileResult result = compile(sources, List.of("pipeline"), GraderClassNames.ofThisGrader());
        assertThat(result.broken()).isEmpty();
    }

    private CompileResult compile(List<SourceFile> sources, List<String> tasks, GraderClassNames names)
            throws Exception {
        Submission submission = new Submission("s", scratch, scratch.resolve("src/main/java"), sources, List.of());
        return new SubmissionCompiler(STUBS, names).compile(submission, tasks, scratch.resolve("classes"));
    }

    /** A stub as if the student had submitted it (paths of a submission, not of the stub library). */
    private static SourceFile submitted(SourceFile stub) {
        return new SourceFile("src/main/java/" + stub.path().substring("stubs/".length()), stub.packageName(),
                stub.task(), stub.content());
    }
}
