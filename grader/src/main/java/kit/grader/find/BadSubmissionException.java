package kit.grader.find;

/** A submission that cannot be graded at all; the message is one line that names the path. */
public final class BadSubmissionException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadSubmissionException(String message) {
        super(message);
    }
}
