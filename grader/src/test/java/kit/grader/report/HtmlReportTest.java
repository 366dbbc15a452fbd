package kit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kit.grader.model.SubmissionResult;
import kit.grader.similarity.Match;
import kit.grader.similarity.SimilarPair;
import kit.grader.similarity.SimilarityReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static String page(List<SubmissionResult> results, SimilarityReport similarity) throws Exception {
        StringWriter out = new StringWriter();
        new HtmlReport().write(results, SyntheticClass.TASKS, similarity, out);
        return out.toString();
    }

    private static String summaryValue(String html, String key) {
        Matcher m = Pattern.compile("<tr data-key=\"" + key + "\"><th scope=\"row\">[^<]*</th><td class=\"num\">([^<]*)</td>")
                .matcher(html);
        assertThat(m.find()).as("summary row %s in the page", key).isTrue();
        return m.group(1);
    }

    @Test
    @DisplayName("the page is one self-contained document: inline SVG chart, real tables with captions, no external URL")
    void structure() throws Exception {
        String html = page(SyntheticClass.of(30, 7), null);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "<caption>", "scope=\"col\"",
                "@media print", "id=\"similarity-not-run\"");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(Pattern.compile("<tr data-submission=").matcher(html).results().count()).isEqualTo(30);
        assertThat(Pattern.compile("<details class=\"student\" id=\"student-\\d+\"").matcher(html).results().count())
                .isEqualTo(30);
        assertThat(html).contains("href=\"#student-1\"", "id=\"student-30\"");
    }

    @Test
    @DisplayName("names and messages from submissions are HTML-escaped and neutralised as in every report")
    void escaping() throws Exception {
        String html = page(SyntheticClass.of(5, 7), null);
        assertThat(html).doesNotContain("<b>mallory", "<script>alert", "\u001b", "\n::error::");
        assertThat(html).contains("&lt;b&gt;mallory&lt;/b&gt; &amp; &quot;co&quot;", "&lt;script&gt;alert(1)",
                "^[[31m");
    }

    @Test
    @DisplayName("summary numbers: mean, median, quartiles, full marks and zero of the scores")
    void numbers() throws Exception {
        List<SubmissionResult> results = List.of(score("a", 0), score("b", 10), score("c", 20), score("d", 30));
        String html = page(results, null);
        assertThat(summaryValue(html, "submissions")).isEqualTo("4");
        assertThat(summaryValue(html, "mean")).isEqualTo("15");
        assertThat(summaryValue(html, "median")).isEqualTo("15");
        assertThat(summaryValue(html, "q1")).isEqualTo("5");
        assertThat(summaryValue(html, "q3")).isEqualTo("25");
        assertThat(summaryValue(html, "full")).isEqualTo("1");
        assertThat(summaryValue(html, "zero")).isEqualTo("1");
    }

    @Test
    @DisplayName("tests are listed most failed first, and messages that differ only in numbers form one group")
    void failureGroups() throws Exception {
        String html = page(SyntheticClass.of(30, 7), null);
        Matcher rates = Pattern.compile("<td class=\"num\">(\\d+)/(\\d+) \\(").matcher(html);
        double previous = -1;
        int rows = 0;
        while (rates.find()) {
            double rate = Double.parseDouble(rates.group(1)) / Double.parseDouble(rates.group(2));
            assertThat(rate).as("pass rate of test row %d", rows + 1).isGreaterThanOrEqualTo(previous);
            previous = rate;
            rows++;
        }
        assertThat(rows).isEqualTo(9);
        assertThat(FailureMessages.normalise("failed: expected 400000 but was 391234"))
                .isEqualTo(FailureMessages.normalise("failed: expected 400000 but was 399999"))
                .isEqualTo("failed: expected <n> but was <n>");
        assertThat(FailureMessages.normalise("timeout: did not finish within 1200 ms on Thread-7 at /tmp/a/B.java"))
                .isEqualTo("timeout: did not finish within <n> on Thread-<n> at <path>");
        assertThat(FailureMessages.normalise("lock java.util.concurrent.locks.ReentrantLock@1b6d3586 held"))
                .isEqualTo("lock java.util.concurrent.locks.ReentrantLock<hex> held");
    }

    @Test
    @DisplayName("the similarity section lists pairs per scope with their fragments side by side, escaped")
    void similarity() throws Exception {
        SimilarityReport report = new SimilarityReport("JPlag 4.3.0", 0.6, List.of(
                new SimilarPair("counter", "student-01", "student-02", 0.93, List.of(new Match("A.java", 3, 9,
                        "if (a < b) { lock(); }", "B.java", 4, 10, "if (x < y) { lock(); }"))),
                new SimilarPair("all", "student-01", "student-02", 0.71, List.of())), 1234, List.of("note <1>"));
        String html = page(SyntheticClass.of(3, 7), report);
        assertThat(html).doesNotContain("id=\"similarity-not-run\"").contains("JPlag 4.3.0", "60 %", "93 %", "71 %",
                "Task counter", "Whole submission", "A.java:3–9", "B.java:4–10", "if (a &lt; b)",
                "if (x &lt; y)", "note &lt;1&gt;");
    }

    @Test
    @DisplayName("a scope with very many pairs lists the most similar ones, fragments for the top ones, and points to the CSV")
    void manyPairsAreCapped() throws Exception {
        List<SimilarPair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < HtmlReport.PAIRS_LISTED + 50; i++) {
            pairs.add(new SimilarPair("counter", String.format("s-%03d", i), "t", 0.99 - i * 0.0001,
                    List.of(new Match("A.java", 1, 2, "fragment-" + i, "B.java", 1, 2, "other"))));
        }
        String html = page(SyntheticClass.of(3, 7), new SimilarityReport("JPlag 4.3.0", 0.9, pairs, 10, List.of()));
        assertThat(Pattern.compile("<tr id=\"pair-").matcher(html).results().count())
                .as("rows listed").isEqualTo(HtmlReport.PAIRS_LISTED);
        assertThat(Pattern.compile(">fragment-\\d+<").matcher(html).results().count())
                .as("pairs with their fragments on the page").isEqualTo(HtmlReport.PAIRS_WITH_FRAGMENTS);
        assertThat(html).contains("fragment-0<", "… and 50 more pairs").doesNotContain(
                ">fragment-" + HtmlReport.PAIRS_WITH_FRAGMENTS + "<");
    }

    private static SubmissionResult score(String name, double points) {
        return new SubmissionResult(name, "/c/" + name, points, 30, List.of(), List.of(), "", 1000);
    }
}
