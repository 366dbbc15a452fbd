package kit.grader.cli;

/** Bad usage; the message is one short lower-case sentence. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
