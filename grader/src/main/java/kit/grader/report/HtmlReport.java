package kit.grader.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;
import kit.grader.protect.ProtectedFilesNote;
import kit.grader.similarity.Match;
import kit.grader.similarity.SimilarPair;
import kit.grader.similarity.SimilarityReport;

/**
 * The instructor's page for a class ({@code --html FILE}): one self-contained HTML file, readable offline and
 * printable, with the score histogram and summary numbers, per-task and per-test statistics (the most-failed
 * tests first, each with its most common failure messages), a sortable table of every submission linking to
 * that student's full feedback further down the page, and the similarity check's pairs when it ran.
 *
 * <p>This class only gathers the numbers into a plain model; the page itself is the Mustache template
 * {@code class-page.mustache} beside this class, and the histogram is drawn by {@link ScoreHistogram}. Mustache
 * HTML-escapes every value; text that came from a submission is also passed through {@link SafeText} first, so
 * control characters and workflow commands are neutralised as in every other report.
 */
public final class HtmlReport {

    /** How many failure-message groups the page shows per test. */
    static final int MESSAGE_GROUPS_PER_TEST = 5;

    private static final Mustache TEMPLATE = new DefaultMustacheFactory("kit/grader/report")
            .compile("class-page.mustache");

    /** Writes the page; {@code similarity} is null when the similarity check did not run. */
    public void write(List<SubmissionResult> results, List<String> tasks, SimilarityReport similarity, Writer out)
            throws IOException {
        TEMPLATE.execute(out, model(results, tasks, similarity));
        out.flush();
    }

    /** The values the template reads, as maps and lists (so the template stays free of logic). */
    Map<String, Object> model(List<SubmissionResult> results, List<String> tasks, SimilarityReport similarity) {
        ClassSummary summary = new ClassSummary(results);
        double max = results.stream().mapToDouble(SubmissionResult::maxScore).max().orElse(0);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("count", results.size());
        page.put("max", Numbers.points(max));
        page.put("summary", summaryRows(results, summary, max));
        page.put("histogramSvg", new ScoreHistogram().svg(summary.distribution(), max));
        page.put("bands", bands(summary.distribution()));
        page.put("tasks", taskRows(results, tasks));
        page.put("tests", testRows(results, summary));
        page.put("taskHeaders", tasks.stream().map(t -> Map.of("id", t)).toList());
        page.put("submissions", submissionRows(results, tasks));
        page.put("similarity", similarity == null ? null : similarityModel(similarity));
        return page;
    }

    private static List<Map<String, Object>> summaryRows(List<SubmissionResult> results, ClassSummary summary,
            double max) {
        List<Double> scores = results.stream().map(SubmissionResult::score).sorted().toList();
        long full = results.stream().filter(r -> r.graded() && max > 0 && r.score() >= max).count();
        long zero = results.stream().filter(r -> r.score() <= 0).count();
        long ungraded = results.stream().filter(r -> !r.graded()).count();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("submissions", "Submissions", Integer.toString(results.size())));
        rows.add(row("mean", "Mean", Numbers.points(summary.mean())));
        rows.add(row("q1", "Lower quartile", Numbers.points(Quartiles.lower(scores))));
        rows.add(row("median", "Median", Numbers.points(summary.median())));
        rows.add(row("q3", "Upper quartile", Numbers.points(Quartiles.upper(scores))));
        rows.add(row("full", "Full marks", Long.toString(full)));
        rows.add(row("zero", "Zero points", Long.toString(zero)));
        rows.add(row("ungraded", "Not graded", Long.toString(ungraded)));
        return rows;
    }

    private static Map<String, Object> row(String key, String label, String value) {
        return Map.of("key", key, "label", label, "value", value);
    }

    private static List<Map<String, Object>> bands(int[] counts) {
        List<Map<String, Object>> bands = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            bands.add(Map.of("range", ScoreHistogram.bandLabel(i), "count", counts[i]));
        }
        return bands;
    }

    private static List<Map<String, Object>> taskRows(List<SubmissionResult> results, List<String> tasks) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String task : tasks) {
            int n = 0;
            int full = 0;
            int notAttempted = 0;
            int notCompiling = 0;
            double sum = 0;
            double max = 0;
            for (SubmissionResult r : results) {
                for (TaskResult t : r.tasks()) {
                    if (!t.id().equals(task)) {
                        continue;
                    }
                    n++;
                    sum += t.score();
                    max = Math.max(max, t.maxScore());
                    if (r.graded() && !t.tests().isEmpty() && t.fullMarks()) {
                        full++;
                    }
                    if (!t.tests().isEmpty() && t.tests().stream().allMatch(x -> x.status() == Status.NOT_IMPLEMENTED)) {
                        notAttempted++;
                    }
                    if (!t.compileErrors().isEmpty()
                            || t.tests().stream().anyMatch(x -> x.status() == Status.NOT_COMPILED)) {
                        notCompiling++;
                    }
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", task);
            row.put("mean", Numbers.points(n == 0 ? 0 : sum / n));
            row.put("max", Numbers.points(max));
            row.put("full", percent(full, n));
            row.put("notAttempted", percent(notAttempted, n));
            row.put("notCompiling", percent(notCompiling, n));
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> testRows(List<SubmissionResult> results, ClassSummary summary) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ClassSummary.Rate rate : summary.mostFailed()) {
            Map<String, int[]> groups = new LinkedHashMap<>();
            Map<String, String> examples = new LinkedHashMap<>();
            for (SubmissionResult r : results) {
                for (TaskResult t : r.tasks()) {
                    if (!t.id().equals(rate.task())) {
                        continue;
                    }
                    for (TestResult test : t.tests()) {
                        if (test.name().equals(rate.test()) && !test.passed()) {
                            String shown = test.status().label() + (test.message().isBlank() ? ""
                                    : ": " + SafeText.oneLine(test.message()));
                            String key = FailureMessages.normalise(shown);
                            groups.computeIfAbsent(key, k -> new int[1])[0]++;
                            examples.putIfAbsent(key, shown);
                        }
                    }
                }
            }
            List<Map<String, Object>> messages = new ArrayList<>();
            groups.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0]))
                    .limit(MESSAGE_GROUPS_PER_TEST)
                    .forEach(e -> messages.add(Map.of("count", e.getValue()[0], "pattern", e.getKey(),
                            "example", FailureMessages.shorten(examples.get(e.getKey())))));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", rate.task());
            row.put("test", rate.test());
            row.put("passed", rate.passed());
            row.put("total", rate.total());
            row.put("rate", percent(rate.passed(), rate.total()));
            row.put("messages", messages);
            row.put("hasMessages", !messages.isEmpty());
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> submissionRows(List<SubmissionResult> results, List<String> tasks) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            SubmissionResult r = results.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("anchor", "student-" + (i + 1));
            row.put("name", SafeText.oneLine(r.name()));
            row.put("total", Numbers.points(r.score()));
            row.put("max", Numbers.points(r.maxScore()));
            List<Map<String, Object>> cells = new ArrayList<>();
            for (String task : tasks) {
                String score = r.tasks().stream().filter(t -> t.id().equals(task)).findFirst()
                        .map(TaskResult::score).map(Numbers::points).orElse("");
                cells.add(Map.of("task", task, "score", score));
            }
            row.put("taskScores", cells);
            row.put("seconds", String.format(Locale.ROOT, "%.1f", r.durationMillis() / 1000.0));
            row.put("protectedChanged", r.graded() ? Integer.toString(ProtectedFilesNote.count(r)) : "");
            row.put("note", r.graded() ? "" : "not graded: " + SafeText.oneLine(r.error()));
            StringWriter feedback = new StringWriter();
            PrintWriter p = new PrintWriter(feedback);
            new MarkdownReport().write(r, p);
            p.flush();
            row.put("feedback", SafeText.of(feedback.toString()));
            rows.add(row);
        }
        return rows;
    }

    /** Pairs per scope listed on the page; the CSV of pairs has them all. */
    static final int PAIRS_LISTED = 200;

    /** Pairs per scope whose matched fragments the page shows side by side (the most similar ones). */
    static final int PAIRS_WITH_FRAGMENTS = 20;

    private static Map<String, Object> similarityModel(SimilarityReport report) {
        Map<String, List<Map<String, Object>>> byScope = new LinkedHashMap<>();
        Map<String, Integer> hidden = new LinkedHashMap<>();
        int n = 0;
        for (SimilarPair pair : report.pairs()) {
            n++;
            int listed = byScope.getOrDefault(pair.scope(), List.of()).size();
            if (listed >= PAIRS_LISTED) {
                hidden.merge(pair.scope(), 1, Integer::sum);
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("anchor", "pair-" + n);
            row.put("first", SafeText.oneLine(pair.first()));
            row.put("second", SafeText.oneLine(pair.second()));
            row.put("similarity", percent(pair.similarity()));
            List<Map<String, Object>> matches = new ArrayList<>();
            for (Match m : listed < PAIRS_WITH_FRAGMENTS ? pair.matches() : List.<Match>of()) {
                matches.add(Map.of(
                        "firstWhere", SafeText.oneLine(m.firstFile()) + ":" + m.firstStartLine() + "–" + m.firstEndLine(),
                        "firstText", SafeText.of(m.firstText()),
                        "secondWhere", SafeText.oneLine(m.secondFile()) + ":" + m.secondStartLine() + "–" + m.secondEndLine(),
                        "secondText", SafeText.of(m.secondText())));
            }
            row.put("matches", matches);
            row.put("matchCount", pair.matches().size());
            row.put("fragmentsShown", listed < PAIRS_WITH_FRAGMENTS);
            byScope.computeIfAbsent(pair.scope(), k -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> scopes = new ArrayList<>();
        byScope.forEach((scope, pairs) -> {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("scope", "all".equals(scope) ? "Whole submission" : "Task " + scope);
            section.put("pairs", pairs);
            int more = hidden.getOrDefault(scope, 0);
            section.put("more", more == 0 ? null : Map.of("count", more));
            scopes.add(section);
        });
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("engine", SafeText.oneLine(report.engine()));
        model.put("threshold", percent(report.threshold()));
        model.put("pairsWithFragments", PAIRS_WITH_FRAGMENTS);
        model.put("seconds", Numbers.seconds(report.durationMillis()));
        model.put("scopes", scopes);
        model.put("none", scopes.isEmpty());
        model.put("notes", report.notes().stream().map(SafeText::oneLine).toList());
        return model;
    }

    static String percent(int part, int whole) {
        return whole == 0 ? "–" : percent((double) part / whole);
    }

    static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }
}
