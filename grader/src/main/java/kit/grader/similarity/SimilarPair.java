package kit.grader.similarity;

import java.util.List;

/**
 * Two submissions whose code is alike.
 *
 * @param scope a task id, or {@code all} for the whole submission
 * @param first the first submission's name
 * @param second the second submission's name
 * @param similarity how alike, from 0 (nothing shared) to 1 (the same)
 * @param matches the fragments the two share, side by side
 */
public record SimilarPair(String scope, String first, String second, double similarity, List<Match> matches) {

    public SimilarPair {
        matches = List.copyOf(matches);
    }

    /**
     * The same pair with its two sides in name order (the smaller name first) and its fragments in file and
     * line order, so a class gives the same pairs whatever order its submissions were given in.
     */
    public SimilarPair inNameOrder() {
        boolean swap = first.compareTo(second) > 0;
        java.util.List<Match> ordered = new java.util.ArrayList<>();
        for (Match m : matches) {
            ordered.add(swap ? new Match(m.secondFile(), m.secondStartLine(), m.secondEndLine(), m.secondText(),
                    m.firstFile(), m.firstStartLine(), m.firstEndLine(), m.firstText()) : m);
        }
        ordered.sort(java.util.Comparator.comparing(Match::firstFile).thenComparingInt(Match::firstStartLine)
                .thenComparing(Match::secondFile).thenComparingInt(Match::secondStartLine));
        return swap ? new SimilarPair(scope, second, first, similarity, ordered)
                : new SimilarPair(scope, first, second, similarity, ordered);
    }
}
