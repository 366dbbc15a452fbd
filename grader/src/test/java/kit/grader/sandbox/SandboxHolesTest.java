package kit.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The guard's rules for the holes that {@code kit.grader.AttacksTest}'s fixtures found, checked directly (the
 * fixtures check them end to end): each test names the attack it stops.
 */
class SandboxHolesTest {

    private static final String CALLER = SandboxHolesTest.class.getName();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    @DisplayName("System.getProperties is denied: its live table would let a submission remove the test-JVM marker")
    void getPropertiesIsDenied() {
        assertThat(ApiRules.find("java/lang/System", "getProperties", "()Ljava/util/Properties;").check())
                .isEqualTo(Check.DENY);
        assertThat(ApiRules.isChecked("java/lang/System", "getProperties")).as("reflective use is denied too").isTrue();
        assertThat(ApiRules.find("java/lang/System", "getProperty", "(Ljava/lang/String;)Ljava/lang/String;"))
                .as("reading one property stays allowed").isNull();
    }

    @Test
    @DisplayName("SecureDirectoryStream is denied, file attribute views are write-checked, logging configurations denied")
    void jdkApisThatActOnTheCallersBehalf() {
        assertThat(ApiRules.find("java/nio/file/SecureDirectoryStream", "newByteChannel",
                "(Ljava/lang/Object;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)"
                        + "Ljava/nio/channels/SeekableByteChannel;").check()).isEqualTo(Check.DENY);
        assertThat(ApiRules.find("java/nio/file/SecureDirectoryStream", "deleteFile", "(Ljava/lang/Object;)V").check())
                .isEqualTo(Check.DENY);
        assertThat(ApiRules.find("java/nio/file/Files", "getFileAttributeView",
                "(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)"
                        + "Ljava/nio/file/attribute/FileAttributeView;").check()).isEqualTo(Check.WRITE);
        assertThat(ApiRules.find("java/util/logging/LogManager", "readConfiguration", "(Ljava/io/InputStream;)V")
                .check()).isEqualTo(Check.DENY);
        assertThat(ApiRules.find("java/util/logging/LogManager", "updateConfiguration",
                "(Ljava/util/function/Function;)V").check()).isEqualTo(Check.DENY);
        assertThat(ApiRules.find("java/nio/file/DirectoryStream", "iterator", "()Ljava/util/Iterator;"))
                .as("iterating a directory stays allowed").isNull();
    }

    @Test
    @DisplayName("no writes into the submission's compiled classes (they would run unguarded); the rest of scratch is writable")
    void classesDirectoryIsReadOnly() {
        Path scratch = FilePolicy.scratch(CALLER);
        assertThatThrownBy(() -> FilePolicy.check(CALLER, scratch.resolve("classes/concurrency/counter/Escape.class"),
                true, "java.nio.file.Files.write")).isInstanceOf(SecurityException.class)
                .hasMessageStartingWith("the grader does not let a submission change its compiled classes");
        FilePolicy.check(CALLER, scratch.resolve("classes/concurrency/counter/LockedCounter.class"), false,
                "java.nio.file.Files.readAllBytes");
        FilePolicy.check(CALLER, scratch.resolve("work/tmp/file"), true, "java.nio.file.Files.write");
    }

    @Test
    @DisplayName("only the running JVM's java starts, not a script named java; only a class path, a heap size and"
            + " two arguments: every -D, -XX and other option is refused")
    void onlyTheRunningJava() throws Exception {
        Path fake = dir.resolve("java");
        Files.writeString(fake, "#!/bin/sh\necho fake\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        assertThat(ProcessPolicy.isRunningJava(CALLER, JAVA)).isTrue();
        assertThat(ProcessPolicy.isRunningJava(CALLER, fake.toString())).isFalse();
        assertThat(ProcessPolicy.isRunningJava(CALLER, "/bin/sh")).isFalse();

        String cp = System.getProperty("java.class.path");
        String main = "concurrency.shared.SharedCounter";
        assertThat(ProcessPolicy.checkCommand(CALLER, List.of(JAVA, "-Xshare:auto", "-Xmx64m", "-cp", cp, main,
                "file", "100"), null)).isEqualTo(5);
        assertThat(ProcessPolicy.checkCommand(CALLER, List.of(JAVA, "-classpath", cp, main, "file", "100"), null))
                .isEqualTo(3);
        assertThat(ProcessPolicy.checkCommand(CALLER, List.of(JAVA, main, "file", "100"), cp)).isEqualTo(1);
        for (String option : List.of("-Xshare:dump", "-Djava.home=/", "-Dkit.grader.testJvm=true",
                "-Djava.class.path=" + dir, "-Djava.util.logging.config.file=x", "-Dfile.encoding=UTF-8",
                "-XX:+UsePerfData", "-XX:-DisableAttachMechanism", "-javaagent:x.jar", "-Xss1m")) {
            assertThatThrownBy(() -> ProcessPolicy.checkCommand(CALLER, List.of(JAVA, option, "-cp", cp, main,
                    "file", "100"), null))
                    .as(option).isInstanceOf(SecurityException.class).hasMessageContaining(option);
        }
        assertThatThrownBy(() -> ProcessPolicy.checkCommand(CALLER, List.of(JAVA, "-cp", cp, main, "file", "100",
                "extra"), null)).isInstanceOf(SecurityException.class).hasMessageContaining("two arguments");
        assertThatThrownBy(() -> ProcessPolicy.checkCommand(CALLER, List.of(JAVA, main, "file", "100"), null))
                .isInstanceOf(SecurityException.class).hasMessageContaining("no class path");
        assertThatThrownBy(() -> ProcessPolicy.checkCommand(CALLER, List.of(JAVA, main, "f", "1"), dir.toString()))
                .isInstanceOf(SecurityException.class).hasMessageContaining("not on the running class path");
        assertThatThrownBy(() -> ProcessPolicy.checkCommand(CALLER, List.of(fake.toString(), "-cp", cp, main,
                "file", "100"), null))
                .isInstanceOf(SecurityException.class).hasMessageContaining("other than the running JVM's java");
    }

    @Test
    @DisplayName("open options make a read a write check (DELETE_ON_CLOSE on a JDK file); channels are write-checked")
    void openOptionsAreWrites() {
        Path jdkFile = Path.of(System.getProperty("java.home"), "release");
        Guard.check(CALLER, "READ", "java.nio.file.Files.newInputStream", "read",
                new Object[] {jdkFile, new OpenOption[0]});
        assertThatThrownBy(() -> Guard.check(CALLER, "READ", "java.nio.file.Files.newInputStream", "read",
                new Object[] {jdkFile, new OpenOption[] {StandardOpenOption.DELETE_ON_CLOSE}}))
                .isInstanceOf(SecurityException.class).hasMessageContaining("change files outside");
        assertThatThrownBy(() -> Guard.check(CALLER, "OPEN", "java.nio.channels.FileChannel.open", "read",
                new Object[] {jdkFile, Set.of(StandardOpenOption.READ)})).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> Guard.check(CALLER, "STACK_WALKER", "java.lang.StackWalker.getInstance", "walk",
                new Object[] {Set.of(StackWalker.Option.SHOW_HIDDEN_FRAMES)})).isInstanceOf(SecurityException.class);
        Guard.check(CALLER, "STACK_WALKER", "java.lang.StackWalker.getInstance", "walk",
                new Object[] {StackWalker.Option.SHOW_HIDDEN_FRAMES});
    }

    @Test
    @DisplayName("a submission class that extends java.io.File is refused when the grader rewrites the classes")
    void fileSubclassIsRefused() throws Exception {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "concurrency/counter/SneakyFile", null, "java/io/File", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Ljava/lang/String;)V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 1);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/io/File", "<init>", "(Ljava/lang/String;)V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        cw.visitEnd();
        Path file = Files.createDirectories(dir.resolve("classes/concurrency/counter")).resolve("SneakyFile.class");
        Files.write(file, cw.toByteArray());
        List<SandboxRewriter.Violation> violations = new SandboxRewriter().rewrite(dir.resolve("classes"));
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("java.io.File"));
    }

    @Test
    @DisplayName("ProcessBuilder.start goes through a copy: a two-faced command list cannot show the check one command")
    void processBuilderIsCopied() {
        List<String> honest = List.of(JAVA, "-cp", System.getProperty("java.class.path"),
                "concurrency.shared.SharedCounter");
        List<String> twoFaced = new java.util.AbstractList<>() {
            @Override
            public String get(int index) {
                return honest.get(index);
            }

            @Override
            public int size() {
                return honest.size();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T[] toArray(T[] array) {
                return (T[]) new String[] {"/bin/sh", "-c", "true"};
            }
        };
        ProcessBuilder copy = ProcessPolicy.copyOf(new ProcessBuilder(twoFaced).redirectErrorStream(true));
        assertThat(copy.command()).containsExactly("/bin/sh", "-c", "true");
        assertThat(copy.redirectErrorStream()).isTrue();
        assertThatThrownBy(() -> ProcessPolicy.checkCommand(CALLER, copy.command(), null))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    @DisplayName("a child JVM gets the test JVM's own environment, not what the submission put in the builder (LD_PRELOAD)")
    void childEnvironmentIsReset() {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                "concurrency.shared.SharedCounter", "file", "1");
        builder.environment().put("LD_PRELOAD", dir.resolve("evil.so").toString());
        builder.environment().put("LD_LIBRARY_PATH", dir.toString());
        System.setProperty(Guard.TEST_JVM_PROPERTY, "true");
        try {
            ProcessPolicy.check("concurrency.shared.SharedCounter", builder);
        } finally {
            System.clearProperty(Guard.TEST_JVM_PROPERTY);
        }
        assertThat(builder.environment()).doesNotContainKeys("LD_PRELOAD")
                .containsEntry(ProcessPolicy.DEPTH_VARIABLE, "1");
        assertThat(builder.environment().get("LD_LIBRARY_PATH")).isEqualTo(System.getenv("LD_LIBRARY_PATH"));
    }

    @Test
    @DisplayName("the test thread may not be interrupted from the JDK's pool threads, but from the task's own threads")
    void interruptingTheTestThreadFromAJdkPool() throws Exception {
        Thread testThread = new Thread(() -> { }, "stand-in test thread");
        Guard.protect(testThread);
        try {
            Object[] target = {testThread};
            // Run on the common pool itself (with parallelism 1, CompletableFuture's async methods would use a thread
            // per task instead), and waited for through another future: ForkJoinTask.get() may run a queued task on
            // the waiting thread.
            java.util.concurrent.CompletableFuture<Throwable> fromCommonPool = new java.util.concurrent.CompletableFuture<>();
            Thread[] ranOn = new Thread[1];
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> {
                ranOn[0] = Thread.currentThread();
                fromCommonPool.complete(refusal(target));
            });
            Throwable refused = fromCommonPool.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ranOn[0]).as("the task ran on a common-pool worker")
                    .isInstanceOf(java.util.concurrent.ForkJoinWorkerThread.class);
            assertThat(refused).as("interrupt from a common-pool worker (work queued by an earlier task)")
                    .isInstanceOf(SecurityException.class).hasMessageContaining("interrupt");
            Throwable[] fromOwnThread = new Throwable[1];
            Thread own = new Thread(() -> fromOwnThread[0] = refusal(target), "a task's own worker");
            own.start();
            own.join();
            assertThat(fromOwnThread[0]).as("interrupt from a thread the task started").isNull();
            assertThat(refusal(new Object[] {new Thread(() -> { })})).as("interrupt of any other thread").isNull();
        } finally {
            Guard.protect(null);
        }
    }

    private static Throwable refusal(Object[] args) {
        try {
            Guard.check(CALLER, Check.INTERRUPT.name(), "java.lang.Thread.interrupt", "interrupt the grader's threads",
                    args);
            return null;
        } catch (SecurityException e) {
            return e;
        }
    }
}
