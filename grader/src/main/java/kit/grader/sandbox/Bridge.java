package kit.grader.sandbox;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A synthetic static method added to a submission's class: it hands its arguments to
 * {@link Guard#check} and then makes the call it stands for. A call site's stack is the same before and after the
 * rewrite — receiver and arguments in, result out — so the class's stack map frames stay valid.
 *
 * @param name the bridge's name
 * @param kind what the original call was
 * @param opcode the original call's opcode (for {@link Kind#INSTANCE}: virtual or interface)
 * @param owner the original call's owner
 * @param member the original call's method name
 * @param memberDescriptor the original call's descriptor
 * @param ownerIsInterface whether the original owner is an interface
 * @param rule the rule to check, or null for a constructor that needs none (another overload of a checked class)
 */
record Bridge(String name, Kind kind, int opcode, String owner, String member, String memberDescriptor,
        boolean ownerIsInterface, ApiRules.Rule rule) {

    private static final String GUARD = "kit/grader/sandbox/Guard";
    private static final String CHECK_DESCRIPTOR =
            "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)V";

    /** What the bridged call was. */
    enum Kind { STATIC, INSTANCE, CONSTRUCTOR }

    /** The bridge's own descriptor: the receiver becomes the first parameter, a constructor returns the object. */
    String descriptor() {
        Type original = Type.getMethodType(memberDescriptor);
        return switch (kind) {
            case STATIC -> memberDescriptor;
            case INSTANCE -> "(L" + owner + ";" + memberDescriptor.substring(1);
            case CONSTRUCTOR -> Type.getMethodDescriptor(Type.getObjectType(owner), original.getArgumentTypes());
        };
    }

    /** Adds the bridge to the class being written. */
    void write(ClassVisitor cv, String className) {
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, name,
                descriptor(), null, null);
        mv.visitCode();
        Type[] parameters = Type.getArgumentTypes(descriptor());
        if (rule != null && rule.check() == Check.PROCESS) {
            // ProcessBuilder.start: the guard copies the builder, checks the copy and starts it.
            mv.visitLdcInsn(className.replace('/', '.'));
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "start",
                    "(Ljava/lang/String;Ljava/lang/ProcessBuilder;)Ljava/lang/Process;", false);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return;
        }
        if (rule != null) {
            mv.visitLdcInsn(className.replace('/', '.'));
            mv.visitLdcInsn(rule.check().name());
            mv.visitLdcInsn(owner.replace('/', '.') + "." + (kind == Kind.CONSTRUCTOR ? "<init>" : member));
            mv.visitLdcInsn(rule.what());
            pushArgumentArray(mv, parameters);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "check", CHECK_DESCRIPTOR, false);
        }
        if (kind == Kind.CONSTRUCTOR) {
            mv.visitTypeInsn(Opcodes.NEW, owner);
            mv.visitInsn(Opcodes.DUP);
        }
        loadAll(mv, parameters);
        switch (kind) {
            case STATIC -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, member, memberDescriptor, ownerIsInterface);
            case INSTANCE -> mv.visitMethodInsn(opcode, owner, member, memberDescriptor, ownerIsInterface);
            case CONSTRUCTOR -> mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "<init>", memberDescriptor, false);
        }
        mv.visitInsn(Type.getReturnType(descriptor()).getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void pushArgumentArray(MethodVisitor mv, Type[] parameters) {
        mv.visitLdcInsn(parameters.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        int slot = 0;
        for (int i = 0; i < parameters.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            mv.visitLdcInsn(i);
            mv.visitVarInsn(parameters[i].getOpcode(Opcodes.ILOAD), slot);
            box(mv, parameters[i]);
            mv.visitInsn(Opcodes.AASTORE);
            slot += parameters[i].getSize();
        }
    }

    private static void loadAll(MethodVisitor mv, Type[] parameters) {
        int slot = 0;
        for (Type parameter : parameters) {
            mv.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
            slot += parameter.getSize();
        }
    }

    private static void box(MethodVisitor mv, Type type) {
        String wrapper = switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.LONG -> "java/lang/Long";
            case Type.FLOAT -> "java/lang/Float";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
        if (wrapper != null) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                    "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
        }
    }
}
