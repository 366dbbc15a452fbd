package kit.grader.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One slice of a class, {@code --shard K/N}: slice {@code K} (1 to N) of {@code N}. The rule, the same on every
 * machine and whatever order the shell listed the directories in: the submissions are sorted by their normalised
 * absolute path (as text, with {@code /} separators), and the one at index {@code i} (from 0) belongs to slice
 * {@code i mod N + 1}. So N runs with K = 1 … N grade every submission exactly once, and slices differ in size by
 * at most one.
 *
 * @param index K, from 1
 * @param count N
 */
public record Shard(int index, int count) {

    /** Most slices a class can be cut into. */
    public static final int MAX_COUNT = 1000;

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    /** Reads {@code K/N}, e.g. {@code 2/3}. */
    public static Shard parse(String text) throws UsageException {
        String[] parts = text.strip().split("/", -1);
        int k;
        int n;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            k = Integer.parseInt(parts[0].strip());
            n = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--shard takes K/N, slice K of N (e.g. 2/3), not '" + text + "'");
        }
        if (n < 1 || n > MAX_COUNT) {
            throw new UsageException("--shard " + text + ": N must be between 1 and " + MAX_COUNT + ", not " + n);
        }
        if (k < 1 || k > n) {
            throw new UsageException("--shard " + text + ": K must be between 1 and N (" + n + "), not " + k);
        }
        return new Shard(k, n);
    }

    /** The submissions of this slice, in sorted order. */
    public List<Path> select(List<Path> submissions) {
        List<Path> sorted = new ArrayList<>(submissions);
        sorted.sort(Comparator.comparing(Shard::key));
        List<Path> mine = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (i % count == index - 1) {
                mine.add(sorted.get(i));
            }
        }
        return mine;
    }

    private static String key(Path p) {
        return p.toAbsolutePath().normalize().toString().replace('\\', '/');
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
