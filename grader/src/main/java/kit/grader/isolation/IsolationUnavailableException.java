package kit.grader.isolation;

/** {@code --isolation=require} was asked for but no sandbox works here; the message says how to get one. */
public final class IsolationUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IsolationUnavailableException(String message) {
        super(message);
    }
}
