package kit.grader.protect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kit.grader.model.SubmissionResult;

/**
 * The report's note about changed protected files, and reading its count back from a result (for the class
 * CSV and summary). The note is the one place the finding travels through the pipeline: every report writer
 * already shows a submission's notes.
 *
 * <p>The note starts with the count, e.g. "2 protected files of the template differ from it …". Only the
 * grader writes notes (test output never becomes one), so a submission cannot forge or hide it.
 */
public final class ProtectedFilesNote {

    /** At most this many files are named; the count is always exact. */
    static final int MAX_NAMED = 30;

    private static final Pattern COUNT = Pattern.compile("^(\\d+) protected files? of the template differs? from it");

    private ProtectedFilesNote() {
    }

    /** The note for {@code changes} (not empty). */
    public static String of(List<ProtectedChange> changes) {
        int n = changes.size();
        StringBuilder b = new StringBuilder();
        b.append(n).append(n == 1 ? " protected file of the template differs from it" : " protected files of the "
                + "template differ from it");
        b.append(" (the grader never runs the submission's build file, tests or workflows, so this changes no "
                + "score; your instructor may look at them): ");
        for (int i = 0; i < Math.min(n, MAX_NAMED); i++) {
            b.append(i > 0 ? ", " : "").append(changes.get(i).describe());
        }
        if (n > MAX_NAMED) {
            b.append(" and ").append(n - MAX_NAMED).append(" more");
        }
        return b.toString();
    }

    /** How many protected files {@code result}'s note lists; 0 when there is no such note. */
    public static int count(SubmissionResult result) {
        for (String note : result.notes()) {
            Matcher m = COUNT.matcher(note);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }
}
