package kit.grader.model;

/**
 * One compiler error in a submission.
 *
 * @param task the task whose package holds the file
 * @param file the file, relative to the submission directory
 * @param line the line number, or 0 when unknown
 * @param message the compiler's message (first line)
 */
public record CompileError(String task, String file, long line, String message) {

    /** Returns {@code file:line: message}. */
    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
