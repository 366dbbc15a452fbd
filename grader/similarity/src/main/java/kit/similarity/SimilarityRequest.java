package kit.similarity;

import java.util.List;

/**
 * What the grader asks the engine to compare, read from the JSON file named on the command line.
 *
 * @param threshold the smallest similarity (0..1) of a pair worth reporting
 * @param minimumTokenMatch the fewest consecutive JPlag tokens that count as a match (null: JPlag's default for Java)
 * @param scopes one comparison each: a task, or the whole submission ("all")
 */
public record SimilarityRequest(double threshold, Integer minimumTokenMatch, List<Scope> scopes) {

    public SimilarityRequest {
        scopes = List.copyOf(scopes);
    }

    /**
     * One comparison of every submission with every other.
     *
     * @param scope the task id, or "all"
     * @param submissions a directory holding one directory per submission (its name is the submission's name)
     * @param baseCode a directory holding the code everybody started from (its matches do not count), or null
     */
    public record Scope(String scope, String submissions, String baseCode) {
    }
}
