package kit.grader.similarity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kit.grader.compile.StubLibrary;
import kit.grader.find.BadSubmissionException;
import kit.grader.find.SourceFinder;
import kit.grader.find.Submission;
import kit.grader.model.SubmissionResult;

/**
 * Compares a graded class: reads each graded submission's task sources again (with the grader's own
 * {@link SourceFinder}, so the same files and limits), lays them out with the stubs as base code and runs
 * the engine. Submissions that could not be read are left out, with a note.
 */
public final class ClassSimilarity {

    private final SimilarityEngine engine;
    private final StubLibrary stubs;

    public ClassSimilarity(SimilarityEngine engine, StubLibrary stubs) {
        this.engine = engine;
        this.stubs = stubs;
    }

    /** Compares the submissions of {@code results} in {@code tasks}, laying them out under {@code scratch}. */
    public SimilarityReport compare(List<SubmissionResult> results, List<String> tasks, SimilarityOptions options,
            Path scratch) throws IOException, InterruptedException {
        List<Submission> submissions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        SourceFinder finder = new SourceFinder();
        for (SubmissionResult result : results) {
            try {
                submissions.add(finder.find(Path.of(result.path())));
                names.add(result.name());
            } catch (BadSubmissionException | RuntimeException e) {
                notes.add(result.name() + ": left out of the comparison (" + e.getMessage() + ")");
            }
        }
        SimilarityInput input = SimilarityInput.write(scratch, submissions, names, tasks, stubs);
        SimilarityReport report = engine.compare(input, options.threshold(), options.minimumTokenMatch());
        notes.addAll(report.notes());
        return new SimilarityReport(report.engine(), report.threshold(), inStableOrder(report.pairs(), tasks),
                report.durationMillis(), notes);
    }

    /**
     * The pairs, each in name order, most similar first; ties by scope (the tasks in order, then the whole
     * submission) and names. The order of the submissions on the command line changes nothing.
     */
    static List<SimilarPair> inStableOrder(List<SimilarPair> pairs, List<String> tasks) {
        java.util.Comparator<SimilarPair> byScope = java.util.Comparator.comparingInt(p -> {
            int at = tasks.indexOf(p.scope());
            return at >= 0 ? at : tasks.size();
        });
        return pairs.stream().map(SimilarPair::inNameOrder)
                .sorted(java.util.Comparator.comparingDouble(SimilarPair::similarity).reversed().thenComparing(byScope)
                        .thenComparing(SimilarPair::first).thenComparing(SimilarPair::second))
                .toList();
    }
}
