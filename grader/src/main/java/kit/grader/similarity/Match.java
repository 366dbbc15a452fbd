package kit.grader.similarity;

/**
 * One fragment two submissions share: where it stands in each, and its text in each.
 *
 * @param firstFile the file in the first submission, relative to its directory
 * @param firstStartLine the fragment's first line there (1-based)
 * @param firstEndLine its last line there
 * @param firstText the fragment's text in the first submission
 * @param secondFile the file in the second submission
 * @param secondStartLine the fragment's first line there
 * @param secondEndLine its last line there
 * @param secondText the fragment's text in the second submission
 */
public record Match(String firstFile, int firstStartLine, int firstEndLine, String firstText, String secondFile,
        int secondStartLine, int secondEndLine, String secondText) {
}
