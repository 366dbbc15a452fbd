package kit.grader.child;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what a hidden test threw into a status and a message for the student: the stub's
 * "not implemented yet", the assertion's own message, or the exception with the first frame of student
 * code — never a stack trace full of JUnit and grader frames.
 */
public final class FailureDescriber {

    /** A status and a message. */
    public record Description(String status, String message) {
    }

    private FailureDescriber() {
    }

    /** Describes {@code thrown}, the reason a test did not pass. */
    public static Description describe(Throwable thrown) {
        UnsupportedOperationException todo = findTodo(thrown);
        if (todo != null) {
            return new Description("not-implemented", notImplemented(todo));
        }
        if (thrown instanceof java.util.concurrent.TimeoutException
                && String.valueOf(thrown.getMessage()).contains("timed out after")) {
            return new Description("timeout", "the test " + thrown.getMessage());
        }
        if (thrown instanceof AssertionError && mentionsTodo(thrown.getMessage())) {
            // The test caught the stub's exception and described it in its own words.
            return new Description("not-implemented", stubMethodIn(thrown.getMessage()));
        }
        if (thrown instanceof AssertionError && thrown.getClass().getName().equals("org.opentest4j.MultipleFailuresError")
                && thrown.getSuppressed().length > 0) {
            return new Description("failed", everyFailure(thrown));
        }
        if (thrown instanceof AssertionError) {
            String message = thrown.getMessage();
            return new Description("failed", message == null || message.isBlank()
                    ? "the test's check failed" + where(thrown) : message.strip());
        }
        if ("org.opentest4j.TestAbortedException".equals(thrown.getClass().getName())) {
            return new Description("failed", "the test was aborted: " + thrown.getMessage());
        }
        return new Description("error", errorMessage(thrown));
    }

    /**
     * The failures of an {@code assertAll} (JUnit adds each as suppressed), one line each, so that a student sees
     * every problem of the test in one report.
     */
    private static String everyFailure(Throwable all) {
        Throwable[] failures = all.getSuppressed();
        StringBuilder text = new StringBuilder(failures.length + (failures.length == 1 ? " check" : " checks")
                + " failed:");
        for (Throwable failure : failures) {
            text.append("\n- ").append(describe(failure).message().replace(" ==> expected: <true> but was: <false>", ""));
        }
        return text.toString();
    }

    private static boolean mentionsTodo(String message) {
        return message != null && message.contains("UnsupportedOperationException: TODO");
    }

    private static String stubMethodIn(String message) {
        int should = message.indexOf(" should ");
        if (should > 0 && should < 200) {
            return message.substring(0, should).strip() + " is not implemented yet";
        }
        return "a method this test calls is not implemented yet";
    }

    /** Returns the first stub exception ({@code UnsupportedOperationException("TODO…")}) in the causes of {@code thrown}. */
    static UnsupportedOperationException findTodo(Throwable thrown) {
        for (Throwable t : chain(thrown)) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null
                    && t.getMessage().startsWith("TODO")) {
                return (UnsupportedOperationException) t;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                UnsupportedOperationException inner = findTodoShallow(suppressed);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static UnsupportedOperationException findTodoShallow(Throwable thrown) {
        for (Throwable t : chain(thrown)) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null
                    && t.getMessage().startsWith("TODO")) {
                return (UnsupportedOperationException) t;
            }
        }
        return null;
    }

    private static String notImplemented(UnsupportedOperationException todo) {
        StackTraceElement frame = null;
        for (StackTraceElement e : todo.getStackTrace()) {
            if (isStudent(e)) {
                frame = e;
                break;
            }
        }
        if (frame == null) {
            return "a method is not implemented yet";
        }
        String simple = simpleName(frame.getClassName());
        String method = frame.getMethodName();
        if ("<init>".equals(method)) {
            return "the " + simple + " constructor is not implemented yet";
        }
        if ("<clinit>".equals(method)) {
            return simple + "'s static initializer is not implemented yet";
        }
        if (method.startsWith("lambda$")) {
            String[] parts = method.split("\\$");
            method = parts.length > 1 ? parts[1] : method;
        }
        return simple + "." + method + " is not implemented yet";
    }

    private static String errorMessage(Throwable thrown) {
        List<Throwable> chain = chain(thrown);
        Throwable shown = thrown;
        for (Throwable t : chain) {
            shown = t;
            if (!isWrapper(t)) {
                break;
            }
        }
        if (shown instanceof LinkageError && !(shown instanceof ExceptionInInitializerError)) {
            return "the submission does not match the contract: " + shown.getClass().getSimpleName() + ": "
                    + shown.getMessage() + ". Check the names, parameters, return types and modifiers of the "
                    + "contract's classes and methods.";
        }
        if (shown instanceof ExceptionInInitializerError && shown.getCause() != null) {
            Throwable cause = shown.getCause();
            return "a static initializer threw " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + where(cause);
        }
        String text = shown.getClass().getSimpleName();
        if (shown.getMessage() != null && !shown.getMessage().isBlank()) {
            text += ": " + shown.getMessage().strip();
        }
        if (shown instanceof OutOfMemoryError) {
            text += " (the test JVM's heap is limited)";
        }
        String at = where(shown);
        if (at.isEmpty()) {
            for (Throwable t : chain) {
                at = where(t);
                if (!at.isEmpty()) {
                    break;
                }
            }
        }
        return text + at;
    }

    private static boolean isWrapper(Throwable t) {
        return t.getCause() != null && t.getCause() != t
                && (t instanceof ExecutionException || t instanceof CompletionException
                        || t instanceof java.lang.reflect.InvocationTargetException
                        || t instanceof java.lang.reflect.UndeclaredThrowableException
                        || (t.getClass() == RuntimeException.class && t.getMessage() != null
                                && t.getMessage().equals(t.getCause().toString())));
    }

    /** Returns {@code " (at Downloader.downloadAll:42)"} for the first student frame, or {@code ""}. */
    static String where(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (isStudent(e)) {
                String line = e.getLineNumber() > 0 ? ":" + e.getLineNumber() : "";
                return " (at " + simpleName(e.getClassName()) + "." + e.getMethodName() + line + ")";
            }
        }
        return "";
    }

    /**
     * Whether {@code frame} is submitted code: a class of a task package that was not loaded from where the grader's
     * classes come from (the hidden tests and their helpers live in the task packages too), and not one of the
     * bridges through which the grader's guard checks a call.
     */
    static boolean isStudent(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.startsWith("concurrency.") && !frame.getMethodName().startsWith("kit$guard$")
                && !GRADER_CLASSES.computeIfAbsent(name, FailureDescriber::isGraderClass);
    }

    private static final Map<String, Boolean> GRADER_CLASSES = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean isGraderClass(String name) {
        try {
            Class<?> type = Class.forName(name, false, FailureDescriber.class.getClassLoader());
            java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
            java.security.CodeSource own = FailureDescriber.class.getProtectionDomain().getCodeSource();
            return source != null && own != null && source.getLocation().equals(own.getLocation());
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return name.contains("HiddenTest");
        }
    }

    private static List<Throwable> chain(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = thrown; t != null && seen.put(t, Boolean.TRUE) == null && chain.size() < 20;
                t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String simpleName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.replace('$', '.');
    }
}
