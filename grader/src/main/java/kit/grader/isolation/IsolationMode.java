package kit.grader.isolation;

/** How hard the grader insists on an operating-system sandbox ({@code --isolation=require|auto|off}). */
public enum IsolationMode {
    /** Refuse to grade without a working sandbox. */
    REQUIRE,
    /** Use the sandbox when it works; otherwise grade with the guard alone and say so (the default). */
    AUTO,
    /** Never sandbox (debugging only: the grade is not fit to be the grade of record). */
    OFF;

    /** Parses {@code require}, {@code auto} or {@code off} (any case). */
    public static IsolationMode parse(String text) {
        for (IsolationMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--isolation must be require, auto or off; got " + text);
    }
}
