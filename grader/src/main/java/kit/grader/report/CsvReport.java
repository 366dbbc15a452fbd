package kit.grader.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.protect.ProtectedFilesNote;

/**
 * A class's grades as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed): one row
 * per submission, one column per task, then {@code total}, {@code max}, {@code note} (why a submission
 * could not be graded) and {@code protected_files_changed} (how many of the template's build file, public tests
 * and workflows the submission changed, added or deleted — never run, so they change no score; the feedback
 * file names them). A name starting with {@code = + - @} is prefixed with {@code '} so a spreadsheet
 * does not run it as a formula.
 */
public final class CsvReport {

    /** Writes the header and one row per result. */
    public void write(List<String> tasks, List<SubmissionResult> results, Writer out) throws IOException {
        write(tasks, results, List.of(), r -> List.of(), out);
    }

    /**
     * Writes the header and one row per result, with {@code extraHeader} columns at the end filled by
     * {@code extraCells} (for example which tag and commit {@code --submitted-before} graded).
     */
    public void write(List<String> tasks, List<SubmissionResult> results, List<String> extraHeader,
            java.util.function.Function<SubmissionResult, List<String>> extraCells, Writer out) throws IOException {
        List<String> header = new ArrayList<>();
        header.add("submission");
        header.addAll(tasks);
        header.add("total");
        header.add("max");
        header.add("note");
        header.add("protected_files_changed");
        header.add("isolation");
        header.addAll(extraHeader);
        row(header, out);
        for (SubmissionResult r : results) {
            List<String> cells = new ArrayList<>();
            cells.add(safe(r.name()));
            for (String task : tasks) {
                cells.add(r.tasks().stream().filter(t -> t.id().equals(task)).findFirst()
                        .map(TaskResult::score).map(Numbers::points).orElse(""));
            }
            cells.add(Numbers.points(r.score()));
            cells.add(Numbers.points(r.maxScore()));
            cells.add(safe(r.graded() ? "" : "not graded: " + r.error()));
            cells.add(r.graded() ? Integer.toString(ProtectedFilesNote.count(r)) : "");
            cells.add(r.isolation());
            extraCells.apply(r).forEach(c -> cells.add(safe(c)));
            row(cells, out);
        }
    }

    private static void row(List<String> cells, Writer out) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String field(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                        || Character.isWhitespace(s.charAt(s.length() - 1))))) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static String safe(String s) {
        return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
