package kit.grader.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pairs of a class do not depend on the order its submissions were given in. */
class PairOrderTest {

    private static final Match AB = new Match("A.java", 3, 9, "a-text", "B.java", 5, 11, "b-text");

    @Test
    @DisplayName("a pair is turned to name order with its fragments' sides swapped")
    void nameOrderSwapsSidesAndFragments() {
        SimilarPair pair = new SimilarPair("counter", "zoe", "adam", 0.95, List.of(AB));
        SimilarPair ordered = pair.inNameOrder();
        assertThat(ordered.first()).isEqualTo("adam");
        assertThat(ordered.second()).isEqualTo("zoe");
        assertThat(ordered.similarity()).isEqualTo(0.95);
        assertThat(ordered.matches()).containsExactly(
                new Match("B.java", 5, 11, "b-text", "A.java", 3, 9, "a-text"));
        assertThat(new SimilarPair("counter", "adam", "zoe", 0.95, List.of(AB)).inNameOrder().matches())
                .containsExactly(AB);
    }

    @Test
    @DisplayName("pairs sort most similar first, then by task order (whole submission last), then names")
    void stableOrder() {
        List<String> tasks = List.of("download", "counter");
        List<SimilarPair> given = List.of(
                new SimilarPair("all", "b", "a", 0.9, List.of()),
                new SimilarPair("counter", "d", "c", 0.9, List.of()),
                new SimilarPair("download", "b", "a", 0.9, List.of()),
                new SimilarPair("counter", "a", "b", 0.97, List.of()),
                new SimilarPair("counter", "b", "a", 0.9, List.of()));
        assertThat(ClassSimilarity.inStableOrder(given, tasks))
                .extracting(p -> p.scope() + ":" + p.first() + "~" + p.second() + "@" + p.similarity())
                .containsExactly("counter:a~b@0.97", "download:a~b@0.9", "counter:a~b@0.9", "counter:c~d@0.9",
                        "all:a~b@0.9");
    }
}
