package kit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs student code with a time limit, so that a hang becomes a failure that names what was still running.
 *
 * <p>The call runs on a fresh daemon thread. If it has not returned within the limit, that thread is
 * interrupted and the test fails with the scenario, the limit, and every thread started during the call
 * that is still alive, each with its state and top frame. A loop that ignores interrupts keeps running
 * (nothing inside a JVM can stop it); the grader kills the test JVM for that case.
 */
public final class AllowedTime {

    private AllowedTime() {
    }

    /**
     * Returns what {@code call} returns, or fails the test when it takes longer than {@code limit}.
     *
     * @param scenario what was being done, e.g. {@code "run([[a, b]], 2 consumers, capacity 4)"}
     * @param hint one sentence for the student, shown when the limit is exceeded
     * @throws Exception whatever {@code call} throws, unchanged
     */
    public static <T> T within(Duration limit, String scenario, String hint, Callable<T> call) throws Exception {
        ThreadSnapshot before = ThreadSnapshot.take();
        FutureTask<T> task = new FutureTask<>(call);
        Thread runner = new Thread(task, "hidden-test-call");
        runner.setDaemon(true);
        runner.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException timedOut) {
            List<Thread> running = before.newThreads();
            String still = ThreadSnapshot.describe(running);
            runner.interrupt();
            return fail(scenario + " did not finish within " + seconds(limit) + " — still running: " + still
                    + ". " + hint);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw failed;
        } catch (InterruptedException interrupted) {
            runner.interrupt();
            throw interrupted;
        }
    }

    /** Like {@link #within(Duration, String, String, Callable)} for code that returns nothing. */
    public static void within(Duration limit, String scenario, String hint, ThrowingRunnable call) throws Exception {
        within(limit, scenario, hint, () -> {
            call.run();
            return null;
        });
    }

    /** Formats a duration for messages: {@code 250 ms} or {@code 2.0 s}. */
    public static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A piece of code that returns nothing and may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
