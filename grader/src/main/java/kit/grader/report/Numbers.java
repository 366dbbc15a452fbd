package kit.grader.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How reports write points: at most two decimals, no trailing zeros ({@code 10}, {@code 2.5}, {@code 1.33}). */
public final class Numbers {

    private Numbers() {
    }

    /** Rounds to two decimals. */
    public static double round2(double x) {
        return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Writes {@code x} with at most two decimals. */
    public static String points(double x) {
        BigDecimal d = BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return d.toPlainString();
    }

    /** {@code "1 test"}, {@code "2 tests"}. */
    public static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** {@code 0.0 s}-style seconds with one decimal. */
    public static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
