package kit.similarity;

import java.util.List;

/**
 * What the engine answers, written as JSON to standard output. Its pairs and matches have the same
 * fields as the grader's {@code kit.grader.similarity} records, so the grader reads them directly.
 *
 * @param engine the engine and its version, e.g. "JPlag 4.3.0"
 * @param pairs the pairs at or above the threshold, most similar first within each scope
 * @param notes what could not be compared and why (e.g. a task fewer than two submissions attempted)
 */
public record SimilarityResponse(String engine, List<Pair> pairs, List<String> notes) {

    /** Two submissions whose code in one scope is alike. */
    public record Pair(String scope, String first, String second, double similarity, List<Fragment> matches) {
    }

    /** One matched stretch of code: where it is on both sides, and its text. */
    public record Fragment(String firstFile, int firstStartLine, int firstEndLine, String firstText,
            String secondFile, int secondStartLine, int secondEndLine, String secondText) {
    }
}
