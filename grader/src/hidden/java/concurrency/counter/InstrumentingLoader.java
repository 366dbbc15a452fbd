package concurrency.counter;

import java.io.IOException;
import java.io.InputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Loads the student's {@code concurrency.counter} classes a second time, with a call to
 * {@link PausePoints#reached(int)} before and after every field access, array access, call and
 * {@code synchronized} entry or exit in their methods. The original classes are untouched.
 *
 * <p>Everything else (the JDK, the hook itself) comes from the parent loader.
 */
final class InstrumentingLoader extends ClassLoader {

    private static final String PACKAGE = "concurrency.counter.";
    private static final String HOOK = PausePoints.class.getName().replace('.', '/');

    InstrumentingLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PACKAGE) || name.equals(PausePoints.class.getName())) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] original = read(name);
                byte[] instrumented = instrument(original);
                loaded = defineClass(name, instrumented, 0, instrumented.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] read(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    private static byte[] instrument(byte[] original) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        String className = reader.getClassName();
        String simpleName = className.substring(className.lastIndexOf('/') + 1);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (name.equals("<init>") || name.equals("<clinit>")) {
                    return next;
                }
                return new Hooks(next, simpleName + "." + name);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the hook calls into one method. */
    private static final class Hooks extends MethodVisitor {
        private final String method;
        private int line;

        Hooks(MethodVisitor next, String method) {
            super(Opcodes.ASM9, next);
            this.method = method;
        }

        @Override
        public void visitLineNumber(int line, org.objectweb.asm.Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            boolean read = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC;
            hook((read ? "before reading " : "before writing ") + name);
            super.visitFieldInsn(opcode, owner, name, descriptor);
            if (read) {
                hook("after reading " + name);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            boolean load = opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD;
            boolean store = opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE;
            if (load || store) {
                hook(load ? "before reading an array element" : "before writing an array element");
            }
            if (opcode == Opcodes.MONITORENTER) {
                hook("before entering a synchronized block");
            }
            super.visitInsn(opcode);
            if (load) {
                hook("after reading an array element");
            }
            if (opcode == Opcodes.MONITOREXIT) {
                hook("after leaving a synchronized block");
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String callee = owner.substring(owner.lastIndexOf('/') + 1) + "." + name + "()";
            hook("before calling " + callee);
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            hook("after calling " + callee);
        }

        private void hook(String what) {
            int id = PausePoints.register(what + " in " + method + (line > 0 ? " (line " + line + ")" : ""));
            super.visitLdcInsn(id);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "reached", "(I)V", false);
        }
    }
}
