package concurrency.shared;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import kit.testing.TaskClasses;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Finds the calls of {@code FileChannel.lock} and {@code FileChannel.tryLock} (method references included)
 * that {@code SharedCounter.increment} makes, directly or through methods of its package, by reading the
 * class files that sit next to {@code SharedCounter.class}. Reading a few class files with ASM takes milliseconds; an ArchUnit import
 * of the package took 1.5–15 s on a loaded 2-core machine.
 */
final class FileLockCalls {

    private static final String FILE_CHANNEL = "java/nio/channels/FileChannel";
    private static final String PACKAGE = "concurrency/shared/";

    private FileLockCalls() {
    }

    /**
     * Returns the calls of {@code FileChannel.lock}/{@code tryLock} made by {@code SharedCounter.increment} or by a
     * method of the package it calls (lambdas and helper classes included), e.g.
     * {@code SharedCounter.increment calls FileChannel.lock}. Empty when increment takes no file lock.
     */
    static List<String> fromIncrement() throws IOException {
        Map<String, Set<String>> callees = new HashMap<>();
        Map<String, List<String>> lockCalls = new HashMap<>();
        for (byte[] classFile : packageClassFiles()) {
            ClassReader reader = new ClassReader(classFile);
            String owner = reader.getClassName();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                        String[] exceptions) {
                    String self = owner + "." + method;
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String target, String name, String desc, boolean itf) {
                            record(target, name);
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
                            for (Object arg : args) {
                                if (arg instanceof Handle) {
                                    record(((Handle) arg).getOwner(), ((Handle) arg).getName());
                                }
                            }
                        }

                        private void record(String target, String name) {
                            if (target.equals(FILE_CHANNEL) && (name.equals("lock") || name.equals("tryLock"))) {
                                lockCalls.computeIfAbsent(self, k -> new ArrayList<>())
                                        .add(simple(self) + " calls FileChannel." + name);
                            } else if (target.startsWith(PACKAGE)) {
                                callees.computeIfAbsent(self, k -> new HashSet<>()).add(target + "." + name);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        List<String> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(PACKAGE + "SharedCounter.increment"));
        while (!todo.isEmpty()) {
            String method = todo.pop();
            if (seen.add(method)) {
                found.addAll(lockCalls.getOrDefault(method, List.of()));
                todo.addAll(callees.getOrDefault(method, Set.of()));
            }
        }
        return found;
    }

    private static String simple(String method) {
        return method.substring(method.lastIndexOf('/') + 1);
    }

    private static List<byte[]> packageClassFiles() throws IOException {
        URL self = SharedCounter.class.getResource("SharedCounter.class");
        List<byte[]> files = new ArrayList<>();
        if (self == null) {
            return files;
        }
        if (self.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) self.openConnection();
            connection.setUseCaches(false);
            String prefix = connection.getEntryName().substring(0, connection.getEntryName().lastIndexOf('/') + 1);
            try (JarFile jar = connection.getJarFile()) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String rest = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : "";
                    if (isSubmissionClass(rest)) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.add(in.readAllBytes());
                        }
                    }
                }
            }
            return files;
        }
        Path directory;
        try {
            directory = Path.of(self.toURI()).getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot read the class files next to " + self, e);
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : (Iterable<Path>) list::iterator) {
                if (isSubmissionClass(file.getFileName().toString())) {
                    files.add(Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    /**
     * A class file directly in the package that is not one of the kit's own classes — judged by where that class
     * was loaded from, not by its name, so that a student's helper class counts whatever it is called.
     */
    private static boolean isSubmissionClass(String name) {
        return name.endsWith(".class") && !name.contains("/")
                && !TaskClasses.isKitClass("concurrency.shared." + name.substring(0, name.length() - ".class".length()));
    }
}
