package kit.grader.sandbox;

import java.util.ArrayList;
import java.util.List;
import kit.grader.sandbox.SandboxRewriter.Violation;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Rewrites one class: each method's checked calls become calls of bridges, which are added at the end. */
final class GuardingClassVisitor extends ClassVisitor {
    /** JDK classes the guard trusts to describe themselves, so a submission may not extend them. */
    private static final java.util.Set<String> UNTRUSTED_SUPERCLASSES = java.util.Set.of("java/io/File");
    private final SubmissionTypes types;
    private final List<Bridge> pending = new ArrayList<>();
    private String className;
    private boolean isInterface;
    private String sourceFile = "";
    private int bridges;
    private Violation violation;

    GuardingClassVisitor(ClassVisitor next, SubmissionTypes types) {
        super(Opcodes.ASM9, next);
        this.types = types;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
        className = name;
        isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        if (UNTRUSTED_SUPERCLASSES.contains(superName)) {
            // The guard asks a File for its path (toPath()); a subclass could name one file to the guard and
            // another to FileOutputStream, delete() or a redirect (getPath(), or its path field).
            refuse(0, "extends " + superName.replace('/', '.') + ", whose path the grader checks; a submission may"
                    + " not subclass it");
        }
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        sourceFile = source == null ? "" : source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        return new GuardingMethodVisitor(super.visitMethod(access, name, descriptor, signature, exceptions),
                this);
    }

    @Override
    public void visitEnd() {
        for (Bridge bridge : pending) {
            bridge.write(cv, className);
        }
        super.visitEnd();
    }

    /** The rule for a call from this class, or null when the call needs no check. */
    ApiRules.Rule ruleFor(String owner, String name, String descriptor) {
        if (owner.startsWith("[")) {
            return null;
        }
        String jdkOwner = owner;
        if (types.contains(owner)) {
            if (types.declares(owner, name, descriptor)) {
                return null;  // the submission's own method
            }
            jdkOwner = types.firstJdkSuperclass(owner);
        }
        ApiRules.Rule rule = ApiRules.find(jdkOwner, name, descriptor);
        if (rule == null && !types.contains(jdkOwner) && !ApiRules.packageAllowed(jdkOwner)) {
            String pkg = jdkOwner.contains("/") ? jdkOwner.substring(0, jdkOwner.lastIndexOf('/')) : jdkOwner;
            rule = new ApiRules.Rule(jdkOwner, name, null, Check.DENY,
                    "use " + pkg.replace('/', '.') + " (only the JDK packages the tasks need are allowed)");
        }
        return rule;
    }

    /** Whether {@code new owner(…)} may call a checked constructor, so its NEW/DUP must become a bridge call. */
    boolean constructorChecked(String owner) {
        return !types.contains(owner) && (ApiRules.isChecked(owner, "<init>") || !ApiRules.packageAllowed(owner));
    }

    /** Registers a bridge and returns its name. */
    String bridge(Bridge.Kind kind, int opcode, String owner, String name, String descriptor, boolean itf,
            ApiRules.Rule rule) {
        String bridgeName = "kit$guard$" + bridges++;
        pending.add(new Bridge(bridgeName, kind, opcode, owner, name, descriptor, itf, rule));
        return bridgeName;
    }

    String bridgeDescriptor(int index) {
        return pending.get(index).descriptor();
    }

    void refuse(int line, String message) {
        if (violation == null) {
            violation = new Violation(className.replace('/', '.'), sourceFile, line, message);
        }
    }

    String className() {
        return className;
    }

    Violation violation() {
        return violation;
    }

    int bridgeCount() {
        return bridges;
    }

    boolean isInterface() {
        return isInterface;
    }
}

