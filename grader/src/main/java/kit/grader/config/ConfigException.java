package kit.grader.config;

/** A configuration file that cannot be used; the message is one line for the instructor. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
