package kit.grader.similarity;

import java.nio.file.Path;

/**
 * What {@code --similarity} and its companions asked for.
 *
 * @param enabled whether to compare the submissions at all ({@code --similarity})
 * @param threshold the smallest similarity (0..1) reported ({@code --similarity-threshold}, default {@link #DEFAULT_THRESHOLD})
 * @param minimumTokenMatch the fewest consecutive JPlag tokens that count as a match
 *        ({@code --similarity-min-tokens}, default {@link #DEFAULT_MINIMUM_TOKEN_MATCH})
 * @param csv where to write the CSV of pairs ({@code --similarity-csv}), or null: beside {@code --csv} as
 *        {@code <name>-similarity.csv} when that is given, else no CSV
 * @param jar the engine's jar ({@code --similarity-jar}), or null to look in the usual places
 */
public record SimilarityOptions(boolean enabled, double threshold, int minimumTokenMatch, Path csv, Path jar) {

    /**
     * Chosen on the kit's own class (the reference and its fixtures): near-copies score 0.95 and more,
     * while the fixtures that rewrite a task independently score 0.26 to 0.67 against the reference. 0.9 also
     * flags fixtures made by editing a few lines of the reference, which is what they are. See grader/README.md.
     */
    public static final double DEFAULT_THRESHOLD = 0.9;

    /**
     * A little above JPlag's default for Java (9): on the kit's fixtures, 12 lowers the score of independently
     * written pairs by 0.05 to 0.12 (shared idioms such as creating and shutting down a pool stop counting) and
     * leaves near-copies where they were. Lower finds shorter shared fragments, and more noise.
     */
    public static final int DEFAULT_MINIMUM_TOKEN_MATCH = 12;

    /** No similarity check. */
    public static SimilarityOptions off() {
        return new SimilarityOptions(false, DEFAULT_THRESHOLD, DEFAULT_MINIMUM_TOKEN_MATCH, null, null);
    }

    /** The CSV of pairs to write: {@code --similarity-csv}, else beside {@code classCsv}, else none. */
    public Path csvBeside(Path classCsv) {
        if (csv != null || classCsv == null) {
            return csv;
        }
        String name = classCsv.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return classCsv.resolveSibling(stem + "-similarity.csv");
    }
}
