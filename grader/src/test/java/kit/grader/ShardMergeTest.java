package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kit.grader.cli.Shard;
import kit.grader.cli.UsageException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --shard K/N} and {@code grade merge}: grading a class in three slices and merging their JSON reports
 * gives the CSV (every cell), the class page and the feedback files that one run over the whole class gives.
 * The fixtures are ones whose verdicts do not depend on a race (a racy fixture may score differently in two
 * runs whatever the merge does).
 */
class ShardMergeTest {

    @TempDir
    Path dir;

    private List<String> classDirs() {
        List<String> dirs = new ArrayList<>(List.of(Kit.solutions().toString(), Kit.exercises().toString()));
        Path fixtures = Kit.root().resolve("grader/src/test/fixtures");
        for (String f : List.of("counter--no-argument-checks", "counter--atomic-long", "counter--synchronized-methods")) {
            dirs.add(fixtures.resolve(f).toString());
        }
        return dirs;
    }

    @Test
    @DisplayName("merge of 3 shards gives the CSV, page numbers and feedback of one run over the whole class")
    void threeShardsEqualOneRun() throws Exception {
        List<String> common = List.of("--task", "counter", "-q");
        List<String> whole = new ArrayList<>(shardOrder(classDirs()));
        whole.addAll(common);
        whole.addAll(List.of("--csv", dir.resolve("one.csv").toString(), "--feedback", dir.resolve("one-fb").toString()));
        Kit.Run one = Kit.grade(whole.toArray(String[]::new));
        assertThat(one.status()).as("one run: %s", one.err()).isZero();

        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int k = 1; k <= 3; k++) {
            List<String> args = new ArrayList<>(classDirs());
            args.addAll(common);
            args.addAll(List.of("--shard", k + "/3", "--json", dir.resolve("shard-" + k + ".json").toString()));
            Kit.Run shard = Kit.grade(args.toArray(String[]::new));
            assertThat(shard.status()).as("shard %d/3: %s", k, shard.err()).isZero();
            merge.add(dir.resolve("shard-" + k + ".json").toString());
        }
        merge.addAll(List.of("--csv", dir.resolve("merged.csv").toString(), "--feedback",
                dir.resolve("merged-fb").toString(), "--html", dir.resolve("merged.html").toString()));
        Kit.Run merged = Kit.grade(merge.toArray(String[]::new));
        assertThat(merged.status()).as("merge: %s", merged.err()).isZero();

        assertThat(Files.readString(dir.resolve("merged.csv"))).as("merged CSV vs one run's CSV")
                .isEqualTo(Files.readString(dir.resolve("one.csv")));
        assertThat(Files.readString(dir.resolve("one.csv")).lines().count()).isEqualTo(6);
        try (var files = Files.list(dir.resolve("one-fb"))) {
            for (Path f : files.toList()) {
                assertThat(withoutTimes(Files.readString(dir.resolve("merged-fb").resolve(f.getFileName()))))
                        .as("merged feedback %s", f.getFileName()).isEqualTo(withoutTimes(Files.readString(f)));
            }
        }
        assertThat(dir.resolve("merged.html")).content().contains("5 submissions");
    }

    @Test
    @DisplayName("merge --similarity compares the whole class as one run does; --similarity with --shard is refused")
    void similarityOfMergedShardsEqualsOneRun() throws Exception {
        try {
            kit.grader.similarity.SimilarityEngine.locate(null, java.util.Map.of());
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "the similarity engine is not built: " + e.getMessage());
        }
        List<String> similarity = List.of("--similarity", "--similarity-threshold", "0");
        List<String> whole = new ArrayList<>(classDirs());
        whole.addAll(List.of("--task", "counter", "-q", "--csv", dir.resolve("one.csv").toString()));
        whole.addAll(similarity);
        Kit.Run one = Kit.grade(whole.toArray(String[]::new));
        assertThat(one.status()).as("one run: %s", one.err()).isZero();

        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int k = 1; k <= 2; k++) {
            List<String> args = new ArrayList<>(classDirs());
            args.addAll(List.of("--task", "counter", "-q", "--shard", k + "/2", "--json",
                    dir.resolve("shard-" + k + ".json").toString()));
            Kit.Run shard = Kit.grade(args.toArray(String[]::new));
            assertThat(shard.status()).as("shard %d/2: %s", k, shard.err()).isZero();
            merge.add(dir.resolve("shard-" + k + ".json").toString());
        }
        merge.addAll(List.of("--csv", dir.resolve("merged.csv").toString()));
        merge.addAll(similarity);
        Kit.Run merged = Kit.grade(merge.toArray(String[]::new));
        assertThat(merged.status()).as("merge: %s", merged.err()).isZero();

        String pairs = Files.readString(dir.resolve("one-similarity.csv"));
        assertThat(pairs.lines().count()).as("pairs of one run (threshold 0: every compared pair)")
                .isGreaterThan(3);
        assertThat(Files.readString(dir.resolve("merged-similarity.csv"))).as("pairs of the merged shards")
                .isEqualTo(pairs);

        List<String> sharded = new ArrayList<>(classDirs());
        sharded.addAll(List.of("--shard", "1/2", "--similarity"));
        Kit.Run refused = Kit.grade(sharded.toArray(String[]::new));
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("grade merge");
    }

    @Test
    @DisplayName("a submission in two reports is an error naming both; a bad K/N is a usage error")
    void duplicatesAndBadShards() throws Exception {
        Path json = dir.resolve("a.json");
        Kit.Run run = Kit.grade(Kit.exercises().toString(), "--task", "counter", "-q", "--json", json.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Kit.Run twice = Kit.grade("merge", json.toString(), json.toString(), "--csv", dir.resolve("x.csv").toString());
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("is in both", "a.json");
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0", "1/2/3")) {
            Assertions.assertThatThrownBy(() -> Shard.parse(bad)).as("--shard %s", bad)
                    .isInstanceOf(UsageException.class).hasMessageContaining("--shard");
        }
        List<Path> subs = List.of(Path.of("/c/e"), Path.of("/c/a"), Path.of("/c/d"), Path.of("/c/b"), Path.of("/c/c"));
        assertThat(Shard.parse("1/2").select(subs)).containsExactly(Path.of("/c/a"), Path.of("/c/c"), Path.of("/c/e"));
        assertThat(Shard.parse("2/2").select(subs)).containsExactly(Path.of("/c/b"), Path.of("/c/d"));
    }

    /** The directories in the order --shard and merge sort them (by normalised absolute path). */
    private static List<String> shardOrder(List<String> dirs) {
        return new Shard(1, 1).select(dirs.stream().map(Path::of).toList()).stream().map(Path::toString).toList();
    }

    private static String withoutTimes(String feedback) {
        return feedback.replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "<time>");
    }
}
