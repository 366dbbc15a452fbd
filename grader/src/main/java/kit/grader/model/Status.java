package kit.grader.model;

import java.util.Arrays;

/** The outcome of one hidden test, as the reports name it. */
public enum Status {
    PASSED("passed"),
    FAILED("failed"),
    ERROR("error"),
    TIMEOUT("timeout"),
    NOT_IMPLEMENTED("not-implemented"),
    NOT_COMPILED("not-compiled");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The name used in reports and in the JSON, e.g. {@code not-implemented}. */
    public String label() {
        return label;
    }

    /** Returns the status with this report name. */
    public static Status fromLabel(String label) {
        return Arrays.stream(values())
                .filter(s -> s.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status " + label));
    }
}
