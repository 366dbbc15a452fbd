package kit.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kit.grader.model.SubmissionResult;
import kit.grader.model.Task;

/**
 * Combines the JSON reports of several runs (the slices of {@code --shard K/N}, or runs of parts of a class)
 * into one class: every submission of every report, ordered by its path as {@code --shard} orders them (the
 * normalised path as text), so that merging the slices gives the rows one run over the sorted directories
 * gives. A submission that appears in two reports (the same path, or the same name when a report has no path)
 * is an error naming both reports: it usually means a slice was graded twice or two classes were mixed up.
 */
public final class ReportMerger {

    /** Every submission of {@code reports}, ordered by path. */
    public List<SubmissionResult> merge(List<Path> reports) throws IOException {
        JsonReportReader reader = new JsonReportReader();
        Map<String, Path> seenIn = new HashMap<>();
        List<SubmissionResult> all = new ArrayList<>();
        for (Path report : reports) {
            for (SubmissionResult r : reader.read(report)) {
                Path earlier = seenIn.putIfAbsent(key(r), report);
                if (earlier != null) {
                    throw new IOException("submission " + r.name() + " (" + key(r) + ") is in both " + earlier
                            + " and " + report + "; give each submission's report once");
                }
                all.add(r);
            }
        }
        all.sort(Comparator.comparing(ReportMerger::key));
        return all;
    }

    /** The tasks the merged submissions were graded on, in the contract's order. */
    public static List<String> tasks(List<SubmissionResult> results) {
        List<String> tasks = new ArrayList<>();
        for (Task task : Task.ALL) {
            if (results.stream().anyMatch(r -> r.tasks().stream().anyMatch(t -> t.id().equals(task.id())))) {
                tasks.add(task.id());
            }
        }
        return tasks;
    }

    private static String key(SubmissionResult r) {
        return r.path().isEmpty() ? r.name() : Path.of(r.path()).toAbsolutePath().normalize().toString()
                .replace('\\', '/');
    }
}
