package kit.grader.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites one method's checked calls into bridge calls.
 *
 * <ul>
 *   <li>{@code invokestatic/invokevirtual/invokeinterface} of a checked member → {@code invokestatic} of a bridge
 *       taking the receiver first: the stack is unchanged.</li>
 *   <li>{@code new C; dup; …args…; invokespecial C.<init>} where {@code C} has checked constructors → the
 *       {@code new}/{@code dup} pair is dropped and the constructor call becomes a bridge that returns the object;
 *       frames between the two lose the two uninitialised entries.</li>
 *   <li>A method reference ({@code invokedynamic} handle) to a checked member → a handle to the bridge.</li>
 *   <li>{@code super(…)} or {@code super.m()} into a checked JDK class cannot be bridged: the class is refused.</li>
 * </ul>
 * The class is compiled by the grader's own javac, which always emits {@code new} directly followed by
 * {@code dup}; any other shape is refused too.
 */
final class GuardingMethodVisitor extends MethodVisitor {

    private final GuardingClassVisitor owner;
    /** The {@code new} instructions dropped and not yet matched by their constructor call, innermost last. */
    private final Deque<String> droppedNews = new ArrayDeque<>();
    /** Labels of dropped {@code new} instructions: frames name uninitialised objects by them. */
    private final Set<Label> droppedLabels = new HashSet<>();
    private Label lastLabel;
    private boolean expectDup;
    private int line;

    GuardingMethodVisitor(MethodVisitor next, GuardingClassVisitor owner) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
    }

    @Override
    public void visitLabel(Label label) {
        lastLabel = label;
        super.visitLabel(label);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        this.line = line;
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        Label label = lastLabel;
        instruction();
        if (opcode == Opcodes.NEW && owner.constructorChecked(type)) {
            droppedNews.push(type);
            if (label != null) {
                droppedLabels.add(label);
            }
            expectDup = true;
            return;
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitInsn(int opcode) {
        if (expectDup && opcode == Opcodes.DUP) {
            expectDup = false;
            lastLabel = null;
            return;
        }
        instruction();
        super.visitInsn(opcode);
    }

    @Override
    public void visitMethodInsn(int opcode, String callOwner, String name, String descriptor, boolean isInterface) {
        instruction();
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
            if (!droppedNews.isEmpty() && droppedNews.peek().equals(callOwner)) {
                droppedNews.pop();
                ApiRules.Rule rule = owner.ruleFor(callOwner, name, descriptor);
                String bridge = owner.bridge(Bridge.Kind.CONSTRUCTOR, opcode, callOwner, name, descriptor, false, rule);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, owner.className(), bridge,
                        descriptorOf(bridge, Bridge.Kind.CONSTRUCTOR, callOwner, descriptor), owner.isInterface());
                return;
            }
            if (owner.constructorChecked(callOwner)) {
                owner.refuse(line, "extends " + callOwner.replace('/', '.') + ", whose constructors the grader"
                        + " checks; a submission may not subclass it");
            }
            super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
            return;
        }
        ApiRules.Rule rule = owner.ruleFor(callOwner, name, descriptor);
        if (rule == null) {
            super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
            return;
        }
        if (opcode == Opcodes.INVOKESPECIAL) {
            owner.refuse(line, "calls " + callOwner.replace('/', '.') + "." + name + " with super., which the"
                    + " grader cannot check");
            super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
            return;
        }
        Bridge.Kind kind = opcode == Opcodes.INVOKESTATIC ? Bridge.Kind.STATIC : Bridge.Kind.INSTANCE;
        String bridge = owner.bridge(kind, opcode, callOwner, name, descriptor, isInterface, rule);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, owner.className(), bridge,
                descriptorOf(bridge, kind, callOwner, descriptor), owner.isInterface());
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        instruction();
        Object[] rewritten = arguments.clone();
        for (int i = 0; i < rewritten.length; i++) {
            if (rewritten[i] instanceof Handle handle) {
                rewritten[i] = guarded(handle);
            }
        }
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
    }

    @Override
    public void visitLdcInsn(Object value) {
        instruction();
        if (value instanceof Handle) {
            owner.refuse(line, "holds a method-handle constant, which javac never writes");
        }
        super.visitLdcInsn(value);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (droppedLabels.isEmpty() || stack == null) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < numStack; i++) {
            if (!(stack[i] instanceof Label label && droppedLabels.contains(label))) {
                kept.add(stack[i]);
            }
        }
        super.visitFrame(type, numLocal, local, kept.size(), kept.toArray());
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        instruction();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        instruction();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
        instruction();
        super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        instruction();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        instruction();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        instruction();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        instruction();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        instruction();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitEnd() {
        if (expectDup || !droppedNews.isEmpty()) {
            owner.refuse(line, "creates an object in a way javac never writes");
        }
        super.visitEnd();
    }

    /** A method reference to a checked member becomes a reference to a bridge. */
    private Handle guarded(Handle handle) {
        int tag = handle.getTag();
        Bridge.Kind kind = switch (tag) {
            case Opcodes.H_INVOKESTATIC -> Bridge.Kind.STATIC;
            case Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE, Opcodes.H_INVOKESPECIAL -> Bridge.Kind.INSTANCE;
            case Opcodes.H_NEWINVOKESPECIAL -> Bridge.Kind.CONSTRUCTOR;
            default -> null;  // field handles: javac writes none for method references
        };
        ApiRules.Rule rule = kind == null ? null : owner.ruleFor(handle.getOwner(), handle.getName(), handle.getDesc());
        if (rule == null) {
            return handle;
        }
        if (tag == Opcodes.H_INVOKESPECIAL) {
            owner.refuse(line, "refers to " + handle.getOwner().replace('/', '.') + "::" + handle.getName()
                    + " through super, which the grader cannot check");
            return handle;
        }
        int opcode = tag == Opcodes.H_INVOKEINTERFACE ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
        String bridge = owner.bridge(kind, opcode, handle.getOwner(), handle.getName(), handle.getDesc(),
                handle.isInterface(), rule);
        return new Handle(Opcodes.H_INVOKESTATIC, owner.className(), bridge,
                descriptorOf(bridge, kind, handle.getOwner(), handle.getDesc()), owner.isInterface());
    }

    private static String descriptorOf(String bridge, Bridge.Kind kind, String callOwner, String descriptor) {
        return new Bridge(bridge, kind, 0, callOwner, "", descriptor, false, null).descriptor();
    }

    /** Called before every instruction but {@code dup}: a dropped {@code new} must be followed by its {@code dup}. */
    private void instruction() {
        if (expectDup) {
            owner.refuse(line, "creates an object in a way javac never writes");
            expectDup = false;
        }
        lastLabel = null;
    }
}
