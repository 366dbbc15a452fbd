package kit.grader.report;

import java.util.List;

/**
 * The lower and upper quartile of sorted scores, by the textbook rule: the median of the lower half and of the
 * upper half, leaving the middle score out of both halves when the count is odd. For 1, 2, 3, 4 the quartiles
 * are 1.5 and 3.5; for a single score both are that score; for none, 0.
 */
final class Quartiles {

    private Quartiles() {
    }

    static double lower(List<Double> sorted) {
        int n = sorted.size();
        return n == 0 ? 0 : n == 1 ? sorted.get(0) : median(sorted.subList(0, n / 2));
    }

    static double upper(List<Double> sorted) {
        int n = sorted.size();
        return n == 0 ? 0 : n == 1 ? sorted.get(0) : median(sorted.subList((n + 1) / 2, n));
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
