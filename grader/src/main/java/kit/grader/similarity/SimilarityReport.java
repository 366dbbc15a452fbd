package kit.grader.similarity;

import java.util.List;

/**
 * What the similarity check found in a class: the pairs of submissions whose code is alike above the threshold,
 * per task and over the whole submission. The model the CSV of pairs and the class page read.
 *
 * @param engine what compared the submissions, e.g. {@code JPlag 4.3.0}
 * @param threshold the similarity (0–1) at or above which a pair is listed
 * @param pairs the listed pairs, most similar first
 * @param durationMillis how long the comparison took
 * @param notes remarks for the instructor (submissions left out, tasks without code, …)
 */
public record SimilarityReport(String engine, double threshold, List<SimilarPair> pairs, long durationMillis,
        List<String> notes) {

    public SimilarityReport {
        pairs = List.copyOf(pairs);
        notes = List.copyOf(notes);
    }
}
