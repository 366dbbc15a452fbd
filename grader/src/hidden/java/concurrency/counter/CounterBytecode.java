package concurrency.counter;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads {@code LockedCounter}'s class file to say, in a failure message, what it uses instead of the given
 * lock: {@code synchronized} methods or blocks (a {@code synchronized} block exists only as the
 * {@code monitorenter} instruction, which reflection and ArchUnit cannot see), atomics, or a lock created
 * inside {@code increment()} or {@code value()}.
 */
final class CounterBytecode {

    private CounterBytecode() {
    }

    /** Returns phrases such as {@code "increment() is synchronized"}; empty when nothing of that kind is used. */
    static List<String> substitutesForTheLock() {
        Set<String> found = new LinkedHashSet<>();
        try (InputStream in = LockedCounter.class.getResourceAsStream("LockedCounter.class")) {
            if (in == null) {
                return List.of();
            }
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    String method = name + "()";
                    boolean guarded = name.equals("increment") || name.equals("value");
                    if ((access & Opcodes.ACC_SYNCHRONIZED) != 0 && guarded) {
                        found.add(method + " is a synchronized method");
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitInsn(int opcode) {
                            if (opcode == Opcodes.MONITORENTER) {
                                found.add(describe(name) + " has a synchronized block");
                            }
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            if (opcode == Opcodes.NEW && guarded && type.startsWith("java/util/concurrent/locks/")) {
                                found.add(method + " creates a new " + simple(type) + " on every call");
                            }
                            if (opcode == Opcodes.NEW && type.startsWith("java/util/concurrent/atomic/")) {
                                found.add("it counts with " + simple(type));
                            }
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String owner, String methodName, String desc,
                                boolean isInterface) {
                            if (guarded && owner.startsWith("java/util/concurrent/atomic/")) {
                                found.add("it counts with " + simple(owner));
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return new ArrayList<>(found);
    }

    private static String describe(String methodName) {
        return methodName.startsWith("lambda$") ? "a lambda" : methodName + "()";
    }

    private static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
