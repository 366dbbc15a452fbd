package kit.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kit.grader.find.SourceFile;
import kit.grader.model.CompileError;
import kit.grader.model.Task;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Finds compiled submission classes that have the binary name of one of the grader's own classes (a hidden
 * test or helper such as {@code concurrency.pipeline.CountingQueue}, nested classes included) and turns each
 * into a compile error of its task, with the file and line that declare it.
 *
 * <p>Why an error and not a warning: the test JVM loads the grader's class first, so the submitted class would
 * never run and the student's own code would call the grader's class instead — silently, with results nobody
 * can explain. Renaming the class fixes it.
 */
final class ShadowedNames {

    private final GraderClassNames grader;

    ShadowedNames(GraderClassNames grader) {
        this.grader = grader;
    }

    /** The clashes among the classes compiled into {@code out} from {@code sources}, one error per class. */
    List<CompileError> find(Path out, List<SourceFile> sources) throws IOException {
        List<CompileError> errors = new ArrayList<>();
        List<Path> classes;
        try (Stream<Path> walk = Files.walk(out)) {
            classes = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : classes) {
            String relative = out.relativize(file).toString().replace('\\', '/');
            String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            if (!grader.contains(name)) {
                continue;
            }
            Declaration where = Declaration.of(Files.readAllBytes(file));
            String pkg = name.substring(0, Math.max(0, name.lastIndexOf('.')));
            Optional<SourceFile> source = sources.stream()
                    .filter(s -> s.packageName().equals(pkg) && s.path().endsWith("/" + where.sourceFile))
                    .findFirst();
            String task = source.map(SourceFile::task)
                    .orElseGet(() -> Task.byPackage(pkg).map(Task::id).orElse(""));
            long line = source.map(s -> where.lineIn(s.content())).orElse(0L);
            errors.add(new CompileError(task, source.map(SourceFile::path).orElse(""), line,
                    name + (where.nested ? " (a nested class)" : "") + " has the name of one of the grader's own "
                            + "classes; rename it (the grader's class would run in its place)"));
        }
        return errors;
    }

    /** Where a compiled class says it was declared: its source file, simple name and first line of code. */
    private static final class Declaration extends ClassVisitor {
        private String internalName = "";
        private String sourceFile = "";
        private String simpleName = "";
        private boolean nested;
        private long firstLine = Long.MAX_VALUE;

        private Declaration() {
            super(Opcodes.ASM9);
        }

        static Declaration of(byte[] bytes) {
            Declaration d = new Declaration();
            new ClassReader(bytes).accept(d, ClassReader.SKIP_FRAMES);
            return d;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            internalName = name;
            simpleName = name.substring(name.lastIndexOf('/') + 1);
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source == null ? "" : source;
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            if (name.equals(internalName)) {
                nested = true;
                simpleName = innerName == null ? "" : innerName;
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitLineNumber(int line, Label start) {
                    firstLine = Math.min(firstLine, line);
                }
            };
        }

        /** The line declaring the class in {@code content}, else its first line of code, else 0. */
        long lineIn(String content) {
            if (!simpleName.isEmpty()) {
                Matcher m = Pattern.compile("\\b(?:class|interface|enum|record)\\s+" + Pattern.quote(simpleName)
                        + "(?![\\p{L}\\p{N}_$])").matcher(content);
                if (m.find()) {
                    return content.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                }
            }
            return firstLine == Long.MAX_VALUE ? 0 : firstLine;
        }
    }
}
