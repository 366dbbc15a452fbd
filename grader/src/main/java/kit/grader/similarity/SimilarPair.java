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
}
