package kit.testing;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Finds the blocking calls that non-blocking code must not make: {@code Thread.sleep},
 * {@code TimeUnit.sleep}, {@code Future.get} and {@code CompletableFuture.join}.
 *
 * <p>Method references ({@code CompletableFuture::join}) count as well as calls, and code inside a lambda
 * counts for the method that declares the lambda — ArchUnit's {@code callMethodWhere} misses the former,
 * so this looks at every access, and maps a lambda's synthetic method ({@code lambda$fetchUrl$0}) back to
 * {@code fetchUrl}.
 */
public final class BlockingCalls {

    /** What to look for. */
    public enum Kind {
        /** {@code Thread.sleep} and {@code TimeUnit.sleep}. */
        SLEEP,
        /** {@code Future.get} (any implementation, with or without timeout) and {@code CompletableFuture.join}. */
        WAIT_FOR_FUTURE
    }

    private BlockingCalls() {
    }

    /**
     * Returns one line per blocking access of {@code kinds} made by code of {@code classes} from a method
     * (or a lambda in a method) whose name {@code inMethod} accepts, e.g.
     * {@code AsyncFetcher.fetchUrl (AsyncFetcher.java:31) calls Thread.sleep}.
     */
    public static List<String> find(JavaClasses classes, Predicate<String> inMethod, Set<Kind> kinds) {
        List<String> found = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            for (JavaAccess<?> access : accessesOf(javaClass)) {
                Kind kind = kindOf(access.getTarget());
                if (kind == null || !kinds.contains(kind)) {
                    continue;
                }
                String method = declaringMethod(access.getOrigin());
                if (inMethod.test(method)) {
                    found.add(simpleName(access.getOriginOwner()) + "." + method + " ("
                            + access.getSourceCodeLocation().getSourceClass().getSimpleName() + ".java:"
                            + access.getLineNumber() + ") " + verb(access) + " "
                            + simpleName(access.getTargetOwner()) + "." + access.getTarget().getName());
                }
            }
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    /**
     * Like {@link #find}, for the methods named {@code roots} and every method of {@code classes} they call
     * or refer to, directly or through other methods — except methods named in {@code notEntered}, which
     * are neither searched nor followed (e.g. a method whose blocking is checked by behaviour instead).
     */
    public static List<String> reachableFrom(
            JavaClasses classes, Set<String> roots, Set<String> notEntered, Set<Kind> kinds) {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String method = todo.pop();
            if (notEntered.contains(method) || !reached.add(method)) {
                continue;
            }
            for (JavaClass javaClass : classes) {
                for (JavaAccess<?> access : accessesOf(javaClass)) {
                    if (access.getTarget() instanceof CodeUnitAccessTarget
                            && classes.contain(access.getTargetOwner().getName())
                            && declaringMethod(access.getOrigin()).equals(method)) {
                        todo.push(access.getTarget().getName());
                    }
                }
            }
        }
        return find(classes, reached::contains, kinds);
    }

    /** The name of the method a piece of code belongs to: {@code lambda$fetchUrl$0} → {@code fetchUrl}. */
    static String declaringMethod(JavaCodeUnit origin) {
        String name = origin.getName();
        if (name.startsWith("lambda$")) {
            String rest = name.substring("lambda$".length());
            int end = rest.indexOf('$');
            return end > 0 ? rest.substring(0, end) : rest;
        }
        return name;
    }

    private static List<JavaAccess<?>> accessesOf(JavaClass javaClass) {
        List<JavaAccess<?>> accesses = new ArrayList<>(javaClass.getAccessesFromSelf());
        // Method references are not part of getAccessesFromSelf in every ArchUnit version: add them.
        for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
            for (JavaAccess<?> reference : unit.getMethodReferencesFromSelf()) {
                if (!accesses.contains(reference)) {
                    accesses.add(reference);
                }
            }
        }
        return accesses;
    }

    private static Kind kindOf(AccessTarget target) {
        JavaClass owner = target.getOwner();
        String name = target.getName();
        if (name.equals("sleep") && (owner.isEquivalentTo(Thread.class) || owner.isEquivalentTo(TimeUnit.class))) {
            return Kind.SLEEP;
        }
        if ((name.equals("get") && TaskClasses.isAssignableTo(owner, Future.class))
                || (name.equals("join") && TaskClasses.isAssignableTo(owner, CompletableFuture.class))) {
            return Kind.WAIT_FOR_FUTURE;
        }
        return null;
    }

    private static String verb(JavaAccess<?> access) {
        return access.getClass().getSimpleName().contains("Reference") ? "refers to" : "calls";
    }

    private static String simpleName(JavaClass javaClass) {
        return javaClass.getSimpleName().isEmpty() ? javaClass.getName() : javaClass.getSimpleName();
    }
}
