package kit.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Advice a hidden test shows in the feedback without scoring it, such as "say which argument was wrong in the
 * exception's message": the contract never grades the wording of a message, but a good message is still worth
 * a word.
 *
 * <p>The grader's test runner takes the hints a test left when the test ends and shows them after its result
 * (passed or not) as "Hint (not graded): …". Tests run one at a time in the test JVM, so one list is enough.
 */
public final class Hints {

    private static final List<String> PENDING = new ArrayList<>();

    private Hints() {
    }

    /** Shows {@code hint} with the result of the running test; it never changes the test's points. */
    public static synchronized void add(String hint) {
        if (!PENDING.contains(hint)) {
            PENDING.add(hint);
        }
    }

    /** The hints left since the last call, in the order added; the list is emptied. */
    public static synchronized List<String> take() {
        List<String> hints = new ArrayList<>(PENDING);
        PENDING.clear();
        return hints;
    }
}
