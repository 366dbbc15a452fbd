package kit.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;
import kit.grader.protect.ProtectedFilesNote;

/**
 * What a class's results say as a whole: the score distribution, and per task and per test how many
 * students earned full marks — so an instructor sees which tests most students fail — and which submissions
 * changed the template's protected files (build file, public tests, workflows), so the instructor can look.
 */
public final class ClassSummary {

    /** Pass count of one task or test. */
    public record Rate(String task, String test, int passed, int total) {
        double fraction() {
            return total == 0 ? 0 : (double) passed / total;
        }
    }

    private final List<SubmissionResult> results;
    private final List<Double> scores = new ArrayList<>();
    private final List<Rate> taskRates = new ArrayList<>();
    private final List<Rate> testRates = new ArrayList<>();
    private final double maxScore;
    private final int ungraded;

    public ClassSummary(List<SubmissionResult> results) {
        this.results = List.copyOf(results);
        Map<String, int[]> tasks = new LinkedHashMap<>();
        Map<String, int[]> tests = new LinkedHashMap<>();
        int bad = 0;
        double max = 0;
        for (SubmissionResult r : results) {
            scores.add(r.score());
            max = Math.max(max, r.maxScore());
            if (!r.graded()) {
                bad++;
            }
            for (TaskResult t : r.tasks()) {
                int[] c = tasks.computeIfAbsent(t.id(), k -> new int[2]);
                c[1]++;
                if (t.fullMarks() && r.graded() && !t.tests().isEmpty()) {
                    c[0]++;
                }
                for (TestResult test : t.tests()) {
                    int[] d = tests.computeIfAbsent(t.id() + "\u0000" + test.name(), k -> new int[2]);
                    d[1]++;
                    if (test.passed()) {
                        d[0]++;
                    }
                }
            }
        }
        tasks.forEach((id, c) -> taskRates.add(new Rate(id, "", c[0], c[1])));
        tests.forEach((key, c) -> {
            String[] parts = key.split("\u0000", 2);
            testRates.add(new Rate(parts[0], parts[1], c[0], c[1]));
        });
        this.maxScore = max;
        this.ungraded = bad;
    }

    /** Submissions whose protected files differ from the template's, with how many, in the class's order. */
    public Map<String, Integer> protectedFilesChanged() {
        Map<String, Integer> flagged = new LinkedHashMap<>();
        for (SubmissionResult r : results) {
            int count = ProtectedFilesNote.count(r);
            if (count > 0) {
                flagged.merge(r.name(), count, Integer::sum);
            }
        }
        return flagged;
    }

    /** e.g. {@code alice (2), bob (1)}. */
    private String flaggedList() {
        List<String> parts = new ArrayList<>();
        protectedFilesChanged().forEach((name, count) -> parts.add(name + " (" + count + ")"));
        return String.join(", ", parts);
    }

    /** Tests ordered from most failed to least; ties keep the tests' order. */
    public List<Rate> mostFailed() {
        List<Rate> sorted = new ArrayList<>(testRates);
        sorted.sort(Comparator.comparingDouble(Rate::fraction));
        return sorted;
    }

    public List<Rate> taskRates() {
        return taskRates;
    }

    public List<Rate> testRates() {
        return testRates;
    }

    /** Counts of scores in ten bands of the maximum: [0,10%), …, [90%,100%], as percentages of the maximum. */
    public int[] distribution() {
        int[] bands = new int[10];
        for (double s : scores) {
            int band = maxScore <= 0 ? 0 : (int) Math.floor(s / maxScore * 10);
            bands[Math.max(0, Math.min(9, band))]++;
        }
        return bands;
    }

    public double mean() {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    public double median() {
        if (scores.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(scores);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Which sandbox the submissions' code ran in: only "bubblewrap" grades are fit to be the grade of record. */
    String isolationLine() {
        long isolated = results.stream().filter(r -> r.isolation().equals("bubblewrap")).count();
        if (isolated == results.size()) {
            return "Isolation: bubblewrap (every submission ran in an operating-system sandbox)";
        }
        return "Isolation: none for " + (results.size() - isolated) + " of " + results.size()
                + " submissions (the bytecode guard alone: not fit to be the grade of record)";
    }

    /** Writes the summary for the terminal. */
    public void writeTerminal(PrintWriter out, Style style) {
        out.println();
        out.println(style.bold("Class summary") + ": " + Numbers.plural(results.size(), "submission")
                + (ungraded > 0 ? " (" + ungraded + " could not be graded)" : "")
                + ", mean " + Numbers.points(mean()) + ", median " + Numbers.points(median())
                + " of " + Numbers.points(maxScore));
        out.println(isolationLine());
        out.println();
        out.println(style.bold("Score distribution"));
        int[] bands = distribution();
        int widest = 1;
        for (int b : bands) {
            widest = Math.max(widest, b);
        }
        for (int i = 9; i >= 0; i--) {
            String label = String.format(java.util.Locale.ROOT, "%3d–%-3d%%", i * 10, i == 9 ? 100 : i * 10 + 9);
            int bar = (int) Math.round(bands[i] * 30.0 / widest);
            out.println("  " + style.text(label) + " " + (style.unicode() ? "█" : "#").repeat(bar)
                    + (bands[i] > 0 ? " " + bands[i] : ""));
        }
        out.println();
        out.println(style.bold("Full marks per task"));
        for (Rate r : taskRates) {
            out.println("  " + pad(r.task(), 16) + " " + pad(r.passed() + "/" + r.total(), 8) + percent(r.fraction()));
        }
        if (!protectedFilesChanged().isEmpty()) {
            out.println();
            out.println(style.bold("Protected files changed") + " (build file, public tests or workflows; never run, "
                    + "see each feedback file): " + style.text(SafeText.oneLine(flaggedList())));
        }
        List<Rate> failed = mostFailed().stream().filter(r -> r.passed() < r.total()).limit(10).toList();
        if (!failed.isEmpty()) {
            out.println();
            out.println(style.bold("Most-failed tests"));
            for (Rate r : failed) {
                out.println("  " + pad((r.total() - r.passed()) + "/" + r.total() + " failed", 14) + " "
                        + style.text(r.task() + ": " + r.test()));
            }
        }
    }

    /** Writes the summary as Markdown (for the instructor). */
    public void writeMarkdown(PrintWriter out) {
        out.println("## Class summary");
        out.println();
        out.println(Numbers.plural(results.size(), "submission")
                + (ungraded > 0 ? " (" + ungraded + " could not be graded)" : "")
                + " · mean " + Numbers.points(mean()) + " · median " + Numbers.points(median()) + " of "
                + Numbers.points(maxScore));
        out.println();
        out.println(isolationLine());
        out.println();
        out.println("| Score (% of max) | Submissions |");
        out.println("|---|---:|");
        int[] bands = distribution();
        for (int i = 9; i >= 0; i--) {
            out.println("| " + i * 10 + "–" + (i == 9 ? 100 : i * 10 + 9) + " | " + bands[i] + " |");
        }
        out.println();
        out.println("| Task | Full marks | Rate |");
        out.println("|---|---:|---:|");
        for (Rate r : taskRates) {
            out.println("| " + r.task() + " | " + r.passed() + "/" + r.total() + " | " + percent(r.fraction()) + " |");
        }
        out.println();
        if (!protectedFilesChanged().isEmpty()) {
            out.println("**Protected files changed** (build file, public tests or workflows; never run, see each "
                    + "feedback file): " + MarkdownReport.inline(flaggedList()));
            out.println();
        }
        out.println("| Task | Test | Passed | Rate |");
        out.println("|---|---|---:|---:|");
        for (Rate r : mostFailed()) {
            out.println("| " + r.task() + " | " + MarkdownReport.cell(r.test()) + " | " + r.passed() + "/" + r.total()
                    + " | " + percent(r.fraction()) + " |");
        }
    }

    /** The summary as JSON. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("submissions", results.size());
        node.put("ungraded", ungraded);
        JsonReport.number(node, "mean", mean());
        JsonReport.number(node, "median", median());
        JsonReport.number(node, "maxScore", maxScore);
        ArrayNode bands = node.putArray("distribution");
        int[] counts = distribution();
        for (int i = 0; i < counts.length; i++) {
            ObjectNode b = bands.addObject();
            b.put("fromPercent", i * 10);
            b.put("toPercent", i == 9 ? 100 : i * 10 + 9);
            b.put("count", counts[i]);
        }
        ArrayNode tasks = node.putArray("tasks");
        for (Rate r : taskRates) {
            ObjectNode t = tasks.addObject();
            t.put("id", r.task());
            t.put("fullMarks", r.passed());
            t.put("of", r.total());
        }
        ArrayNode flagged = node.putArray("protectedFilesChanged");
        protectedFilesChanged().forEach((name, count) -> {
            ObjectNode f = flagged.addObject();
            f.put("submission", name);
            f.put("files", count);
        });
        ArrayNode tests = node.putArray("tests");
        for (Rate r : testRates) {
            ObjectNode t = tests.addObject();
            t.put("task", r.task());
            t.put("name", r.test());
            t.put("passed", r.passed());
            t.put("of", r.total());
        }
        return node;
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
