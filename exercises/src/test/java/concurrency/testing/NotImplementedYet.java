package concurrency.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * Turns a stub's {@code UnsupportedOperationException("TODO: …")} into a short test failure that says
 * which method is not implemented yet, instead of a stack trace.
 *
 * <p>Put {@code @ExtendWith(NotImplementedYet.class)} on a test class. The exception is found anywhere
 * in the cause chain, so a stub that fails inside a worker thread or a future is reported the same way.
 */
public final class NotImplementedYet implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        UnsupportedOperationException todo = findTodo(thrown);
        if (todo == null) {
            throw thrown;
        }
        throw new AssertionFailedError(describe(todo));
    }

    /** Returns the first stub exception in the cause chain of {@code thrown}, or {@code null}. */
    static UnsupportedOperationException findTodo(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException
                    && t.getMessage() != null
                    && t.getMessage().startsWith("TODO")) {
                return (UnsupportedOperationException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(UnsupportedOperationException todo) {
        StackTraceElement[] stack = todo.getStackTrace();
        String where = stack.length == 0
                ? "a method"
                : methodName(stack[0]) + " (" + stack[0].getFileName() + ":" + stack[0].getLineNumber() + ")";
        return where + " is not implemented yet. " + todo.getMessage();
    }

    private static String methodName(StackTraceElement frame) {
        String type = simpleName(frame.getClassName());
        return frame.getMethodName().equals("<init>") ? "new " + type : type + "." + frame.getMethodName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
