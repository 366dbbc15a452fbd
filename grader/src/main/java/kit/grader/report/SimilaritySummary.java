package kit.grader.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import kit.grader.similarity.SimilarPair;
import kit.grader.similarity.SimilarityReport;

/** The similarity section of the class summary on the terminal: one line, then the most similar pairs. */
public final class SimilaritySummary {

    /** How many pairs the terminal shows; the CSV and the HTML page have them all. */
    public static final int SHOWN = 10;

    /** Writes the section. */
    public void write(SimilarityReport report, PrintWriter out, Style style) {
        List<SimilarPair> pairs = report.pairs().stream()
                .sorted((a, b) -> Double.compare(b.similarity(), a.similarity())).toList();
        long scopes = pairs.stream().map(SimilarPair::scope).distinct().count();
        out.println();
        out.println(style.bold("Similarity") + " (" + report.engine() + ", threshold "
                + String.format(Locale.ROOT, "%.2f", report.threshold()) + ", "
                + Numbers.seconds(report.durationMillis()) + "): "
                + (pairs.isEmpty() ? "no pair at or above the threshold"
                        : pairs.size() + (pairs.size() == 1 ? " pair" : " pairs") + " in " + scopes
                                + (scopes == 1 ? " scope" : " scopes") + " - a hint to look, not a verdict"));
        for (SimilarPair pair : pairs.subList(0, Math.min(SHOWN, pairs.size()))) {
            out.println("  " + String.format(Locale.ROOT, "%.2f", pair.similarity()) + "  " + pair.scope() + "  "
                    + SafeText.oneLine(pair.first()) + " ~ " + SafeText.oneLine(pair.second()) + "  ("
                    + pair.matches().size() + (pair.matches().size() == 1 ? " fragment)" : " fragments)"));
        }
        if (pairs.size() > SHOWN) {
            out.println("  ... and " + (pairs.size() - SHOWN) + " more (see the similarity CSV)");
        }
        for (String note : report.notes()) {
            out.println("  " + style.dim(SafeText.oneLine(note)));
        }
    }
}
