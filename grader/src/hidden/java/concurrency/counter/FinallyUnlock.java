package concurrency.counter;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads {@code LockedCounter}'s class file to find every {@code lock()} whose release is not in a
 * {@code finally} block: the rule "take the lock, then release it in {@code finally}" has no behaviour a test
 * could provoke ({@code count++} on a field cannot throw), so it is checked in the code's structure.
 *
 * <p>In a class file a {@code finally} block (or a {@code catch (Throwable)} that releases and rethrows) is an
 * exception handler that covers the guarded code and calls {@code unlock()}. So: for every call of
 * {@code lock()} in any method of the class, some catch-any handler whose code calls {@code unlock()} must cover
 * an instruction between that {@code lock()} and the next {@code unlock()}; otherwise an exception thrown
 * there would leave the lock held — that path is what the failure message names.
 */
final class FinallyUnlock {

    private FinallyUnlock() {
    }

    /** One {@code lock()} whose release is not in {@code finally}, as a sentence; empty when every release is. */
    static List<String> leaks() {
        try (InputStream in = LockedCounter.class.getResourceAsStream("LockedCounter.class")) {
            if (in == null) {
                return List.of();
            }
            List<String> leaks = new ArrayList<>();
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodScan(name, leaks);
                }
            }, ClassReader.SKIP_FRAMES);
            return leaks;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The instructions of one method, as positions, and its catch-any handlers. */
    private static final class MethodScan extends MethodVisitor {
        private final String method;
        private final List<String> leaks;
        private final Map<Label, Integer> positions = new HashMap<>();
        private final List<Label[]> catchAny = new ArrayList<>();
        private final List<Integer> locks = new ArrayList<>();
        private final List<Integer> unlocks = new ArrayList<>();
        private final List<Integer> throwsAt = new ArrayList<>();
        private final Map<Integer, Integer> lineAt = new HashMap<>();
        private int position;
        private int line;

        MethodScan(String method, List<String> leaks) {
            super(Opcodes.ASM9);
            this.method = method.startsWith("lambda$") ? "a lambda in " + method.split("\\$")[1] + "()" : method + "()";
            this.leaks = leaks;
        }

        @Override
        public void visitLabel(Label label) {
            positions.put(label, position);
        }

        @Override
        public void visitLineNumber(int number, Label start) {
            line = number;
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type == null || type.equals("java/lang/Throwable")) {
                catchAny.add(new Label[] {start, end, handler});
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (descriptor.equals("()V") && (name.equals("lock") || name.equals("lockInterruptibly"))) {
                locks.add(position);
                lineAt.put(position, line);
            } else if (descriptor.equals("()V") && name.equals("unlock")) {
                unlocks.add(position);
                lineAt.put(position, line);
            }
            step();
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.ATHROW) {
                throwsAt.add(position);
            }
            step();
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            step();
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            step();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            step();
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            step();
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            step();
        }

        @Override
        public void visitLdcInsn(Object value) {
            step();
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            step();
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bootstrap,
                Object... arguments) {
            step();
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            step();
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            step();
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
            step();
        }

        private void step() {
            position++;
        }

        @Override
        public void visitEnd() {
            for (int lock : locks) {
                int nextUnlock = unlocks.stream().filter(u -> u > lock).findFirst().orElse(Integer.MAX_VALUE);
                boolean released = catchAny.stream().anyMatch(block -> covers(block, lock, nextUnlock)
                        && releases(positions.get(block[2])));
                if (!released) {
                    leaks.add(method + " calls lock() (line " + lineAt.get(lock) + ") and then "
                            + (nextUnlock == Integer.MAX_VALUE ? "no unlock() at all"
                                    : "unlock() (line " + lineAt.get(nextUnlock) + ") outside a finally block")
                            + ": an exception thrown between them leaves the lock held");
                }
            }
        }

        /** Whether the handler's range holds an instruction after the lock() call and before the next unlock(). */
        private boolean covers(Label[] block, int lock, int nextUnlock) {
            int start = positions.getOrDefault(block[0], -1);
            int end = positions.getOrDefault(block[1], -1);
            return start >= 0 && Math.max(start, lock + 1) < Math.min(end, nextUnlock);
        }

        /** Whether the handler starting at {@code handler} calls unlock() before it rethrows or the method ends. */
        private boolean releases(Integer handler) {
            if (handler == null) {
                return false;
            }
            int rethrow = throwsAt.stream().filter(t -> t >= handler).findFirst().orElse(Integer.MAX_VALUE);
            return unlocks.stream().anyMatch(u -> u >= handler && u < rethrow);
        }
    }
}
