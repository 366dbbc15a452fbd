package kit.grader.sandbox;

import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collection;

/**
 * Reflection a submission may use: on its own classes and on the JDK's public API, never on the grader's classes
 * (the hidden tests, their helpers, the test runner) and never to reach a member the {@link ApiRules} check.
 */
final class ReflectionPolicy {

    private static final String WHAT = "reach into the grader's classes or around the grader's checks by reflection";

    private ReflectionPolicy() {
    }

    /** {@code Class.forName(name…)}: refused for a class the grader ships. */
    static void checkClassNames(String caller, Object[] args) {
        for (Object arg : args) {
            if (arg instanceof String name && !name.startsWith("[")) {
                URL file = ClassLoader.getSystemResource(name.replace('.', '/') + ".class");
                if (file != null && isGraderLocation(caller, file)) {
                    throw Guard.refused(WHAT, "Class.forName(\"" + name + "\")");
                }
            }
        }
    }

    static void checkClass(String caller, Class<?> type, String member) {
        if (isGraderClass(caller, type)) {
            throw Guard.refused(WHAT, member + " on " + type.getName());
        }
        if (member.endsWith(".newInstance") && isJdkClass(type) && checked(type, "<init>")) {
            throw Guard.refused(WHAT, type.getName() + ".newInstance");
        }
    }

    static void checkMember(String caller, Member member) {
        Class<?> owner = member.getDeclaringClass();
        String name = member instanceof Constructor<?> ? "<init>" : member.getName();
        if (isGraderClass(caller, owner) || (isJdkClass(owner) && checked(owner, name))) {
            throw Guard.refused(WHAT, owner.getName() + "." + name);
        }
    }

    /** Method-handle lookups: every class, member and (class, name) pair they name passes the reflection rules. */
    static void checkLookup(String caller, String member, Object[] args) {
        Class<?> lastClass = null;
        for (int i = 1; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Class<?> type) {
                checkClass(caller, type, member);
                lastClass = type;
            } else if (arg instanceof Member reflected) {
                checkMember(caller, reflected);
            } else if (arg instanceof String name && lastClass != null && isJdkClass(lastClass)
                    && checked(lastClass, name)) {
                throw Guard.refused(WHAT, member + " of " + lastClass.getName() + "." + name);
            }
        }
        if (member.endsWith(".findConstructor") && args.length > 1 && args[1] instanceof Class<?> type
                && isJdkClass(type) && checked(type, "<init>")) {
            throw Guard.refused(WHAT, member + " of " + type.getName());
        }
        if (member.endsWith(".findClass")) {
            checkClassNames(caller, new Object[] {args.length > 1 ? args[1] : null});
        }
    }

    static void checkStackWalker(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof Collection<?>) {
                // A set can be the submission's own, or change after this check: only single options are checked.
                throw Guard.refused("get the Class objects of its callers (the grader's tests)",
                        "StackWalker.getInstance with a set of options; pass one option");
            }
            boolean retains = arg == StackWalker.Option.RETAIN_CLASS_REFERENCE
                    || (arg instanceof Collection<?> options && options.contains(StackWalker.Option.RETAIN_CLASS_REFERENCE));
            if (retains) {
                throw Guard.refused("get the Class objects of its callers (the grader's tests)",
                        "StackWalker.getInstance(RETAIN_CLASS_REFERENCE)");
            }
        }
    }

    private static boolean checked(Class<?> type, String name) {
        String owner = type.getName().replace('.', '/');
        return !ApiRules.packageAllowed(owner) || ApiRules.isChecked(owner, name);
    }

    private static boolean isJdkClass(Class<?> type) {
        Class<?> base = baseOf(type);
        if (base.isPrimitive()) {
            return false;
        }
        CodeSource source = base.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null || "jrt".equals(source.getLocation().getProtocol());
    }

    private static boolean isGraderClass(String caller, Class<?> type) {
        Class<?> base = baseOf(type);
        if (base.isPrimitive() || isJdkClass(base)) {
            return false;
        }
        return isGraderLocation(caller, base.getProtectionDomain().getCodeSource().getLocation());
    }

    /** Whether {@code location} is outside the JDK and outside the submission's classes. */
    private static boolean isGraderLocation(String caller, URL location) {
        if ("jrt".equals(location.getProtocol())) {
            return false;
        }
        try {
            String path = location.toString();
            if (path.startsWith("jar:")) {
                return true;
            }
            Path file = FilePolicy.resolved(Path.of(location.toURI()));
            return !file.startsWith(FilePolicy.scratch(caller).resolve("classes"));
        } catch (URISyntaxException | RuntimeException e) {
            return true;
        }
    }

    private static Class<?> baseOf(Class<?> type) {
        Class<?> base = type;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        return base;
    }
}
