package kit.grader.sandbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The submission's own classes: their superclasses and the methods they declare, read from the class files. */
final class SubmissionTypes {

    private final Map<String, String> superclasses = new HashMap<>();
    private final Set<String> methods = new HashSet<>();

    private SubmissionTypes() {
    }

    static SubmissionTypes of(Collection<byte[]> classFiles) {
        SubmissionTypes types = new SubmissionTypes();
        for (byte[] bytes : classFiles) {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                private String name;

                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                        String[] interfaces) {
                    this.name = name;
                    types.superclasses.put(name, superName == null ? "java/lang/Object" : superName);
                }

                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                        String[] exceptions) {
                    types.methods.add(name + "." + method + descriptor);
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        }
        return types;
    }

    boolean contains(String internalName) {
        return superclasses.containsKey(internalName);
    }

    /** Whether {@code owner} or one of its superclasses in the submission declares {@code name descriptor}. */
    boolean declares(String owner, String name, String descriptor) {
        for (String type = owner; contains(type); type = superclasses.get(type)) {
            if (methods.contains(type + "." + name + descriptor)) {
                return true;
            }
        }
        return false;
    }

    /** The first superclass of {@code owner} that is not the submission's (a JDK class). */
    String firstJdkSuperclass(String owner) {
        String type = owner;
        while (contains(type)) {
            type = superclasses.get(type);
        }
        return type;
    }
}
