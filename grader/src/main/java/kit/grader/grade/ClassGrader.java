package kit.grader.grade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import kit.grader.find.BadSubmissionException;
import kit.grader.find.Submission;
import kit.grader.model.SubmissionResult;

/**
 * Grades a class: {@code jobs} submissions at once, each exactly as it would be graded alone (its own
 * compile and its own test JVMs). A submission that cannot be read becomes a graded-0 row with the reason.
 *
 * <p>With a {@link ResultStore}, every result is kept on disk the moment it is finished, and (when resuming)
 * a submission whose kept result is still valid is not graded again. {@link #stop()} (from a signal handler)
 * starts no further submission and interrupts the running ones, which then end their test JVMs and delete
 * their scratch directories; what had finished stays kept.
 */
public final class ClassGrader {

    /** How long {@link #gradeAll} waits for interrupted submissions to clean up after {@link #stop()}. */
    private static final long STOP_GRACE_SECONDS = 20;

    private final SubmissionGrader grader;
    private final int jobs;
    private volatile boolean stopping;
    private volatile ExecutorService pool;

    public ClassGrader(SubmissionGrader grader, int jobs) {
        this.grader = grader;
        this.jobs = jobs;
    }

    /**
     * What a class run gave.
     *
     * @param results one per directory, in the order given; null for a submission not graded because the
     *     run was stopped
     * @param reused how many results were taken from the results directory instead of graded
     * @param stopped whether {@link #stop()} ended the run before every submission was graded
     */
    public record ClassRun(List<SubmissionResult> results, int reused, boolean stopped) {

        /** How many submissions have a result (graded now or reused). */
        public int done() {
            return (int) results.stream().filter(r -> r != null).count();
        }
    }

    /** Grades every directory; results in the order given. {@code done} is called with the count finished. */
    public List<SubmissionResult> gradeAll(List<Path> dirs, GradeSettings settings, IntConsumer done)
            throws InterruptedException {
        return gradeAll(dirs, settings, null, false, done).results();
    }

    /**
     * Grades every directory, keeping each result in {@code store} (may be null) as it finishes; with
     * {@code resume}, reuses the still-valid results found there. {@code done} is called with the count of
     * submissions that have a result (reused ones first).
     */
    public ClassRun gradeAll(List<Path> dirs, GradeSettings settings, ResultStore store, boolean resume,
            IntConsumer done) throws InterruptedException {
        SubmissionResult[] results = new SubmissionResult[dirs.size()];
        List<String> fileNames = ResultStore.fileNames(dirs);
        String[] hashes = new String[dirs.size()];
        int reused = 0;
        List<Integer> toGrade = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            if (store != null) {
                hashes[i] = hashOrNull(dirs.get(i));
                if (resume && hashes[i] != null) {
                    Optional<SubmissionResult> kept = store.reusable(fileNames.get(i), dirs.get(i), hashes[i]);
                    // A result graded without the sandbox is graded again when this run has one: a resumed run
                    // must not hand on a weaker isolation than it gives.
                    if (kept.isPresent() && (kept.get().isolation().equals(grader.isolation())
                            || grader.isolation().equals("none"))) {
                        results[i] = kept.get();
                        reused++;
                        continue;
                    }
                }
            }
            toGrade.add(i);
        }
        int[] finished = {reused};
        done.accept(reused);
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, toGrade.size())), r -> {
            Thread t = new Thread(r, "grader-job");
            t.setDaemon(true);
            return t;
        });
        pool = executor;
        try {
            List<Future<SubmissionResult>> futures = new ArrayList<>();
            for (int i : toGrade) {
                Path dir = dirs.get(i);
                futures.add(executor.submit(() -> {
                    if (stopping) {
                        return null;
                    }
                    SubmissionResult r = gradeOne(dir, settings);
                    if (stopping) {
                        return null; // possibly cut short by the stop: graded again on resume, never kept
                    }
                    if (store != null && hashes[i] != null) {
                        store.save(fileNames.get(i), dir, hashes[i], r);
                    }
                    synchronized (finished) {
                        finished[0]++;
                        done.accept(finished[0]);
                    }
                    return r;
                }));
            }
            for (int k = 0; k < futures.size() && !stopping; k++) {
                int i = toGrade.get(k);
                Future<SubmissionResult> future = futures.get(k);
                while (!stopping) {
                    try {
                        results[i] = future.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        // look at the stop flag again: a stopped run leaves queued futures never done
                    } catch (CancellationException e) {
                        break;
                    } catch (ExecutionException e) {
                        if (!stopping) {
                            results[i] = SubmissionGrader.unreadable(dirs.get(i),
                                    "the grader failed on this submission: " + e.getCause(), settings);
                        }
                        break;
                    }
                }
            }
            if (stopping) {
                executor.shutdownNow();
                executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
                for (int k = 0; k < futures.size(); k++) {
                    Future<SubmissionResult> future = futures.get(k);
                    if (results[toGrade.get(k)] == null && future.isDone() && !future.isCancelled()) {
                        try {
                            results[toGrade.get(k)] = future.get(); // finished (and kept) before the stop
                        } catch (ExecutionException e) {
                            // cut short by the stop: graded again on resume
                        }
                    }
                }
            }
            return new ClassRun(Arrays.asList(results), reused, stopping);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Stops the run: no further submission starts, the running ones are interrupted (they end their test
     * JVMs and delete their scratch directories). Safe to call from any thread, more than once.
     */
    public void stop() {
        stopping = true;
        ExecutorService p = pool;
        if (p != null) {
            p.shutdownNow();
        }
    }

    private static String hashOrNull(Path dir) {
        try {
            return ResultStore.sourceHash(dir);
        } catch (IOException | RuntimeException e) {
            return null;
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
