package kit.grader.compile;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The compiler process: compiles the files listed by the grader with {@code javac} and reports, one line each on
 * standard output (fields separated by tabs, see {@link CompilerProcess#escape}):
 * <ul>
 *   <li>{@code at <file>} whenever javac starts working on one file (parsing it, analysing or generating one of its
 *       classes), {@code at} with an empty file when it finished that or works on all files at once (entering
 *       them) — when the process is killed or crashes, the last such line names the file that caused it, if
 *       any;</li>
 *   <li>{@code error <file> <line> <message>} for each error ({@code <file>} is empty when javac names none);</li>
 *   <li>{@code crash <file> <what>} when javac itself failed (an exception or error inside the compiler);</li>
 *   <li>{@code done} at the end.</li>
 * </ul>
 * Arguments: the directory holding the sources, a file listing their paths (one per line, relative to that
 * directory; diagnostics name them so), and the output directory. Nothing but the JDK is on the class path of the
 * compiled code, and annotation processing is off, so no submitted code runs here.
 */
public final class CompilerMain {

    /** javac's options: Java 17, no annotation processing, only the listed files, debug information. */
    static final List<String> OPTIONS = List.of("--release", "17", "-proc:none", "-g", "-nowarn", "-Xlint:none",
            "-implicit:none", "-Xmaxerrs", "200", "-XDuseUnsharedTable=true");

    private CompilerMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Path sourceRoot = Path.of(args[0]);
        List<String> paths = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        Path output = Path.of(args[2]);
        String[] current = {""};
        try {
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            DiagnosticListener<JavaFileObject> diagnostics = d -> {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String file = pathOf(d.getSource());
                    out.println("error\t" + CompilerProcess.escape(file) + "\t" + Math.max(0, d.getLineNumber())
                            + "\t" + CompilerProcess.escape(firstLine(d.getMessage(Locale.ROOT))));
                }
            };
            Path emptyClasspath = Files.createDirectories(output.resolveSibling(output.getFileName() + "-empty"));
            boolean ok;
            StringWriter log = new StringWriter();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
                files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(emptyClasspath));
                files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of(emptyClasspath));
                List<Source> units = new ArrayList<>();
                for (String path : paths) {
                    units.add(new Source(path, Files.readString(sourceRoot.resolve(path), StandardCharsets.UTF_8)));
                }
                JavacTask task = (JavacTask) compiler.getTask(log, files, diagnostics, OPTIONS, null, units);
                task.addTaskListener(new TaskListener() {
                    @Override
                    public void started(TaskEvent e) {
                        // Parsing, analysing and generating work on one file at a time; entering (and what it
                        // triggers, such as folding constants) works on all of them at once: no file to name.
                        boolean oneFile = e.getKind() == TaskEvent.Kind.PARSE || e.getKind() == TaskEvent.Kind.ANALYZE
                                || e.getKind() == TaskEvent.Kind.GENERATE;
                        at(oneFile ? pathOf(e.getSourceFile()) : "");
                    }

                    @Override
                    public void finished(TaskEvent e) {
                        at("");
                    }

                    private void at(String path) {
                        if (!path.equals(current[0])) {
                            current[0] = path;
                            out.println("at\t" + CompilerProcess.escape(path));
                        }
                    }
                });
                ok = task.call();
            }
            String text = log.toString();
            if (!ok && text.contains("An exception has occurred in the compiler")) {
                out.println("crash\t" + CompilerProcess.escape(current[0]) + "\t"
                        + CompilerProcess.escape(crashLine(text)));
                System.exit(3);
            }
            out.println("done");
        } catch (Throwable t) {
            out.println("crash\t" + CompilerProcess.escape(current[0]) + "\t" + CompilerProcess.escape(t.toString()));
            out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    /**
     * The submitted path of {@code file}, or empty. By its URI ({@code string:///<path>}), not its class: javac hands
     * listeners its own wrappers of the file objects it was given.
     */
    static String pathOf(JavaFileObject file) {
        if (file == null) {
            return "";
        }
        URI uri = file.toUri();
        return Source.SCHEME.equals(uri.getScheme()) && uri.getPath() != null && uri.getPath().length() > 1
                ? uri.getPath().substring(1) : "";
    }

    /** The exception javac reported when it failed ({@code java.lang.StackOverflowError}, …). */
    private static String crashLine(String log) {
        for (String line : log.split("\n")) {
            if (line.startsWith("java.") || line.startsWith("com.sun.") || line.startsWith("jdk.")) {
                return line.strip();
            }
        }
        return "the compiler failed";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** A source file held in memory, named after its path in the submission. */
    private static final class Source extends SimpleJavaFileObject {
        static final String SCHEME = "string";
        private final String path;
        private final String content;

        Source(String path, String content) {
            super(uri(path), Kind.SOURCE);
            this.path = path;
            this.content = content;
        }

        private static URI uri(String path) {
            try {
                return new URI(SCHEME, null, "/" + path, null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(path, e);
            }
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return content;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            String file = path.substring(path.lastIndexOf('/') + 1);
            return kind == Kind.SOURCE && file.equals(simpleName + ".java");
        }
    }
}
