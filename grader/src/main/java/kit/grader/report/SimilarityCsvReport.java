package kit.grader.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import kit.grader.similarity.Match;
import kit.grader.similarity.SimilarPair;
import kit.grader.similarity.SimilarityReport;

/**
 * The CSV of similar pairs, one row per pair and scope, most similar first:
 * {@code scope,first,second,similarity,matches,first_lines,second_lines} where {@code similarity} is 0..1
 * (two decimals), {@code matches} the number of matched fragments, and the {@code *_lines} columns list
 * each fragment as {@code file:start-end} separated by {@code ;}.
 */
public final class SimilarityCsvReport {

    /** Writes the header and one row per pair. */
    public void write(SimilarityReport report, Writer out) throws IOException {
        out.write("scope,first,second,similarity,matches,first_lines,second_lines\r\n");
        List<SimilarPair> pairs = report.pairs().stream()
                .sorted((a, b) -> Double.compare(b.similarity(), a.similarity())).toList();
        for (SimilarPair pair : pairs) {
            StringBuilder firstLines = new StringBuilder();
            StringBuilder secondLines = new StringBuilder();
            for (Match m : pair.matches()) {
                if (firstLines.length() > 0) {
                    firstLines.append(';');
                    secondLines.append(';');
                }
                firstLines.append(m.firstFile()).append(':').append(m.firstStartLine()).append('-')
                        .append(m.firstEndLine());
                secondLines.append(m.secondFile()).append(':').append(m.secondStartLine()).append('-')
                        .append(m.secondEndLine());
            }
            List<String> cells = List.of(pair.scope(), CsvReport.safe(pair.first()), CsvReport.safe(pair.second()),
                    String.format(Locale.ROOT, "%.2f", pair.similarity()), Integer.toString(pair.matches().size()),
                    CsvReport.safe(firstLines.toString()), CsvReport.safe(secondLines.toString()));
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(CsvReport.field(cells.get(i)));
            }
            out.write("\r\n");
        }
    }
}
