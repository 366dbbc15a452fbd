package kit.grader.compile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import kit.grader.find.SourceFile;
import kit.grader.isolation.Sandbox;
import kit.grader.run.Cleanup;
import kit.grader.run.TestClasspath;

/**
 * Runs {@link CompilerMain} in a JVM of its own, in the sandbox, with a hard time limit: a source that keeps javac
 * busy for minutes, or makes it crash, costs that process and nothing else of the grader.
 */
final class CompilerProcess {

    /** JVM options of the compiler process: a quick start, little memory, nothing to attach to. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-Xss4m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:-UsePerfData", "-XX:+DisableAttachMechanism",
            "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true");

    /** How the compiler process ended. */
    enum Ending { DONE, CRASHED, TIMED_OUT }

    /** One error javac reported: {@code file} is a submitted path, or empty. */
    record Error(String file, long line, String message) {
    }

    /**
     * What the compiler process reported.
     *
     * @param ending how it ended
     * @param errors javac's errors (complete only when it is {@code DONE})
     * @param lastFile the file javac was working on last (the cause of a crash or timeout), or empty
     * @param detail what went wrong when it did not end {@code DONE}
     */
    record Outcome(Ending ending, List<Error> errors, String lastFile, String detail) {
    }

    private final Sandbox sandbox;
    private final TestClasspath classpath;

    CompilerProcess(Sandbox sandbox, TestClasspath classpath) {
        this.sandbox = sandbox;
        this.classpath = classpath;
    }

    /**
     * Compiles {@code sources} into {@code out}; the source files and the compiler's notes are written to
     * {@code work} (which, with {@code out}, must be inside {@code writable}, the only directory it may write).
     */
    Outcome compile(List<SourceFile> sources, Path out, Path work, Path writable, long timeoutMillis)
            throws IOException, InterruptedException {
        Path sourceRoot = Files.createDirectories(work.resolve("sources"));
        Cleanup.delete(sourceRoot);
        Files.createDirectories(sourceRoot);
        List<String> listing = new ArrayList<>();
        for (SourceFile file : sources) {
            Path target = sourceRoot.resolve(file.path()).normalize();
            if (!target.startsWith(sourceRoot) || file.path().contains("\n")) {
                throw new IOException("not a relative source path: " + file.path());
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            listing.add(file.path());
        }
        Path list = work.resolve("sources.txt");
        Files.write(list, listing, StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Djava.io.tmpdir=" + work);
        command.add("-XX:ErrorFile=" + work.resolve("hs_err_%p.log"));
        command.add("-cp");
        command.add(classpath.hiddenRoot().toAbsolutePath().toString());
        command.add(CompilerMain.class.getName());
        command.add(sourceRoot.toString());
        command.add(list.toString());
        command.add(out.toString());
        Map<String, String> environment = new TreeMap<>();
        for (String name : List.of("PATH", "LANG", "SystemRoot", "SYSTEMROOT")) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.put("HOME", work.toString());
        environment.put("TMPDIR", work.toString());
        List<Path> readOnly = new ArrayList<>(classpath.entries());
        ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(command, writable, readOnly, environment))
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        Cleanup.track(process);
        process.getOutputStream().close();

        List<Error> errors = new ArrayList<>();
        String[] last = {"", ""};
        boolean[] done = {false};
        Thread reader = new Thread(() -> read(process, errors, last, done), "grader-compiler-output");
        reader.setDaemon(true);
        reader.start();
        boolean ended = process.waitFor(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
        if (!ended) {
            Cleanup.kill(process);
            process.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5_000);
        synchronized (errors) {
            if (!ended) {
                return new Outcome(Ending.TIMED_OUT, List.copyOf(errors), last[0],
                        "compilation did not finish within " + seconds(timeoutMillis));
            }
            if (!done[0] || process.exitValue() != 0) {
                String why = last[1].isEmpty() ? "the compiler process ended with status " + process.exitValue()
                        : last[1];
                return new Outcome(Ending.CRASHED, List.copyOf(errors), last[0], "the compiler crashed (" + why + ")");
            }
            return new Outcome(Ending.DONE, List.copyOf(errors), last[0], "");
        }
    }

    private static void read(Process process, List<Error> errors, String[] last, boolean[] done) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                synchronized (errors) {
                    switch (f[0]) {
                        case "at" -> last[0] = unescape(f[1]);
                        case "error" -> errors.add(new Error(unescape(f[1]), Long.parseLong(f[2]), unescape(f[3])));
                        case "crash" -> {
                            if (!f[1].isEmpty()) {
                                last[0] = unescape(f[1]);
                            }
                            last[1] = unescape(f[2]);
                        }
                        case "done" -> done[0] = true;
                        default -> {
                            // JVM messages (e.g. an OutOfMemoryError's): keep the last for the report
                            if (!line.isBlank() && last[1].isEmpty()) {
                                last[1] = line.strip().length() > 200 ? line.strip().substring(0, 200) : line.strip();
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone; what was read stands
        }
    }

    private static String seconds(long millis) {
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format("%.1f", millis / 1000.0)) + " s";
    }

    /** A field of the compiler's report: tabs, line breaks and backslashes escaped. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
