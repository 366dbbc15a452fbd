package kit.testing;

/** Short, readable names of stack frames for failure messages. */
public final class StackFrames {

    private StackFrames() {
    }

    /** Returns {@code SimpleClass.method:line}, e.g. {@code Downloader.downloadAll:42}. */
    public static String shortName(StackTraceElement frame) {
        String className = frame.getClassName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String line = frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "";
        return simple + "." + frame.getMethodName() + line;
    }

    /**
     * Returns the first frame of student code in {@code stack} ({@code concurrency.*}, not a hidden test),
     * or {@code null} when there is none.
     */
    public static StackTraceElement firstStudentFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName();
            if (name.startsWith("concurrency.") && !TaskClasses.isKitClass(name)) {
                return frame;
            }
        }
        return null;
    }
}
