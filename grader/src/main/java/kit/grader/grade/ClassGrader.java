package kit.grader.grade;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import kit.grader.find.BadSubmissionException;
import kit.grader.find.Submission;
import kit.grader.model.SubmissionResult;

/**
 * Grades a class: {@code jobs} submissions at once, each exactly as it would be graded alone (its own
 * compile and its own test JVMs). A submission that cannot be read becomes a graded-0 row with the reason.
 */
public final class ClassGrader {

    private final SubmissionGrader grader;
    private final int jobs;

    public ClassGrader(SubmissionGrader grader, int jobs) {
        this.grader = grader;
        this.jobs = jobs;
    }

    /** Grades every directory; results in the order given. {@code done} is called with the count finished. */
    public List<SubmissionResult> gradeAll(List<Path> dirs, GradeSettings settings, IntConsumer done)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, dirs.size())), r -> {
            Thread t = new Thread(r, "grader-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SubmissionResult>> futures = new ArrayList<>();
            int[] finished = {0};
            for (Path dir : dirs) {
                futures.add(pool.submit(() -> {
                    SubmissionResult r = gradeOne(dir, settings);
                    synchronized (finished) {
                        finished[0]++;
                        done.accept(finished[0]);
                    }
                    return r;
                }));
            }
            List<SubmissionResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(SubmissionGrader.unreadable(dirs.get(i), "the grader failed on this submission: "
                            + e.getCause(), settings));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private SubmissionResult gradeOne(Path dir, GradeSettings settings) throws Exception {
        Submission submission;
        try {
            submission = grader.find(dir);
        } catch (BadSubmissionException e) {
            return SubmissionGrader.unreadable(dir, e.getMessage(), settings);
        }
        return grader.grade(submission, settings);
    }
}
