package kit.grader.protect;

/**
 * One of the template's protected files (its {@code pom.xml}, public tests and workflows) that a submission
 * changed, added or deleted. The grader never runs any of them; it reports them so the instructor can look.
 *
 * @param path the file, relative to the submission's project root, with {@code /} separators
 * @param kind what happened to it
 */
public record ProtectedChange(String path, Kind kind) {

    /** What happened to a protected file. */
    public enum Kind {
        /** The template has the file and the submission's copy differs (line endings aside). */
        CHANGED("changed"),
        /** The submission has a file under a protected folder that the template does not have. */
        ADDED("added"),
        /** The template has the file and the submission does not. */
        DELETED("deleted");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word reports use, e.g. {@code changed}. */
        public String word() {
            return word;
        }
    }

    /** Returns e.g. {@code pom.xml (changed)}. */
    public String describe() {
        return path + " (" + kind.word() + ")";
    }
}
