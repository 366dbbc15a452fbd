package kit.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The rewriter on small compiled classes: which calls end up behind the guard, which classes are refused, and that
 * rewritten classes still pass the JVM's verifier. Running the guard's policies is the attack fixtures' job; here a
 * rewritten class runs in a throw-away class loader, where the guard refuses file access because it cannot tell
 * where the class came from — which is enough to see that the bridge ran.
 */
class SandboxRewriterTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("calls and method references to checked APIs go through bridges; other calls stay as they were")
    void checkedCallsAreBridged() throws IOException {
        Path classes = compile(Map.of("concurrency/download/Calls.java", """
                package concurrency.download;
                import java.nio.file.*;
                import java.util.function.IntConsumer;
                public class Calls {
                    static void exit() { System.exit(1); }
                    static IntConsumer exitLater() { return System::exit; }
                    static void write(Path p) throws Exception { Files.writeString(p, "x"); }
                    static int harmless(String s) { return s.length() + Math.abs(-1); }
                }
                """));
        List<SandboxRewriter.Violation> violations = new SandboxRewriter().rewrite(classes);

        assertThat(violations).isEmpty();
        Calls calls = calls(classes.resolve("concurrency/download/Calls.class"));
        assertThat(calls.direct).as("direct calls left in the rewritten class")
                .doesNotContain("java/lang/System.exit", "java/nio/file/Files.writeString")
                .contains("java/lang/String.length", "java/lang/Math.abs")
                .anyMatch(c -> c.startsWith("concurrency/download/Calls.kit$guard$"));
        assertThat(calls.handles).as("method references").doesNotContain("java/lang/System.exit")
                .anyMatch(h -> h.startsWith("concurrency/download/Calls.kit$guard$"));
    }

    @Test
    @DisplayName("a class without checked calls is left byte for byte as javac wrote it")
    void harmlessClassIsUntouched() throws IOException {
        Path classes = compile(Map.of("concurrency/counter/Plain.java", """
                package concurrency.counter;
                public class Plain { int twice(int x) { return 2 * x; } }
                """));
        Path file = classes.resolve("concurrency/counter/Plain.class");
        byte[] before = Files.readAllBytes(file);

        assertThat(new SandboxRewriter().rewrite(classes)).isEmpty();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    @DisplayName("subclassing a checked class, or calling a checked method through super, is refused with the line")
    void uncheckableClassesAreRefused() throws IOException {
        Path classes = compile(Map.of(
                "concurrency/shared/Sneaky.java", """
                        package concurrency.shared;
                        public class Sneaky extends java.io.FileOutputStream {
                            public Sneaky() throws Exception {
                                super("/tmp/x");
                            }
                        }
                        """,
                "concurrency/shared/Loader.java", """
                        package concurrency.shared;
                        public class Loader extends ClassLoader {
                        }
                        """));
        List<SandboxRewriter.Violation> violations = new SandboxRewriter().rewrite(classes);

        assertThat(violations).extracting(SandboxRewriter.Violation::className)
                .containsExactlyInAnyOrder("concurrency.shared.Sneaky", "concurrency.shared.Loader");
        SandboxRewriter.Violation sneaky = violations.stream()
                .filter(v -> v.className().endsWith("Sneaky")).findFirst().orElseThrow();
        assertThat(sneaky.message()).contains("extends java.io.FileOutputStream");
        assertThat(sneaky.sourceFile()).isEqualTo("Sneaky.java");
        assertThat(sneaky.line()).isEqualTo(4);
    }

    @Test
    @DisplayName("a constructor call inside a branching argument still verifies, checked or not, and the guard runs")
    void droppedNewKeepsFramesValid() throws Exception {
        Path classes = compile(Map.of("concurrency/resource/Streams.java", """
                package concurrency.resource;
                import java.io.*;
                public class Streams {
                    public static PrintStream toMemory(boolean first, OutputStream a, OutputStream b) {
                        return new PrintStream(first ? a : b, true);
                    }
                    public static PrintStream toFile(boolean first) throws IOException {
                        return new PrintStream(first ? "a.txt" : "b.txt");
                    }
                }
                """));
        assertThat(new SandboxRewriter().rewrite(classes)).isEmpty();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                SandboxRewriterTest.class.getClassLoader())) {
            Class<?> streams = loader.loadClass("concurrency.resource.Streams");
            ByteArrayOutputStream memory = new ByteArrayOutputStream();
            PrintStream out = (PrintStream) streams.getMethod("toMemory", boolean.class, java.io.OutputStream.class,
                    java.io.OutputStream.class).invoke(null, false, new ByteArrayOutputStream(), memory);
            out.print("ok");
            assertThat(memory.toString()).isEqualTo("ok");
            assertThatThrownBy(() -> invoke(streams.getMethod("toFile", boolean.class), true))
                    .isInstanceOf(SecurityException.class).hasMessageContaining("the grader does not let a submission");
        }
        assertThat(dir.resolve("a.txt")).doesNotExist();
    }

    private static Object invoke(java.lang.reflect.Method method, Object arg) throws Throwable {
        try {
            return method.invoke(null, arg);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Path compile(Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-g", "-d", out.toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = javac.run(null, log, log, args.toArray(String[]::new));
        assertThat(status).as("javac: %s", log).isZero();
        return out;
    }

    /** The owner.name of every call and method-reference handle in a class file's own methods (not its bridges). */
    private record Calls(List<String> direct, List<String> handles) {
    }

    private static Calls calls(Path classFile) throws IOException {
        List<String> direct = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        new ClassReader(Files.readAllBytes(classFile)).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (name.startsWith("kit$guard$")) {
                    return null;  // a bridge: it makes the checked call after the guard's check
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String member, String desc, boolean itf) {
                        direct.add(owner + "." + member);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bootstrap, Object... args) {
                        for (Object arg : args) {
                            if (arg instanceof Handle h) {
                                handles.add(h.getOwner() + "." + h.getName());
                            }
                        }
                    }
                };
            }
        }, 0);
        return new Calls(direct, handles);
    }
}
