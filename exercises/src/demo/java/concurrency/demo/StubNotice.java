package concurrency.demo;

/**
 * The one line a demo prints instead of a stack trace when it reaches a method that is still a stub.
 *
 * <p>Demos live in {@code src/demo/java}; nothing here is graded.
 */
public final class StubNotice {

    private StubNotice() {
    }

    /** Returns {@code Demo: Downloader.downloadAll is not implemented yet — TODO: …} for a stub's exception. */
    public static String describe(UnsupportedOperationException stub) {
        StackTraceElement[] stack = stub.getStackTrace();
        if (stack.length == 0) {
            return "Demo: a method is not implemented yet — " + stub.getMessage();
        }
        StackTraceElement top = stack[0];
        String type = top.getClassName().substring(top.getClassName().lastIndexOf('.') + 1);
        String method = top.getMethodName().equals("<init>") ? "new " + type : type + "." + top.getMethodName();
        return "Demo: " + method + " is not implemented yet — " + stub.getMessage();
    }
}
