package kit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Watches every live thread for one that waits inside student code — the proof that "non-blocking" code
 * blocks after all.
 *
 * <p>A thread counts when it is {@code WAITING} or {@code TIMED_WAITING} while a frame of the task's
 * package is on its stack, in two samples in a row at the same place: it sleeps ({@code Thread.sleep}),
 * joins a future, or waits on a latch on behalf of student code. A lock that is contended for a moment is
 * not seen twice; timer and pool threads that merely wait for their next task have no student frame; and
 * the sampling thread itself is never blamed.
 */
public final class WaitingStudentThreads {

    private static final long PAUSE_MILLIS = 4;

    private WaitingStudentThreads() {
    }

    /**
     * Samples all threads every few milliseconds for {@code span}, or until {@code stop} returns true, and
     * returns a description of the first thread seen waiting in {@code taskPackage}, e.g.
     * {@code pool-1-thread-1 (TIMED_WAITING in Thread.sleep, called from AsyncFetcher.lambda$fetchUrl$0:31)}.
     */
    public static Optional<String> sample(String taskPackage, Duration span, BooleanSupplier stop)
            throws InterruptedException {
        return sample(taskPackage, span, stop, Set.of());
    }

    private static Optional<String> sample(String taskPackage, Duration span, BooleanSupplier stop, Set<Thread> ignored)
            throws InterruptedException {
        long deadline = System.nanoTime() + span.toNanos();
        Map<Thread, String> previous = Map.of();
        while (true) {
            Map<Thread, String> now = waitingNow(taskPackage);
            now.keySet().removeAll(ignored);
            for (Map.Entry<Thread, String> entry : now.entrySet()) {
                if (entry.getValue().equals(previous.get(entry.getKey()))) {
                    return Optional.of(entry.getValue());
                }
            }
            previous = now;
            if (System.nanoTime() >= deadline || stop.getAsBoolean()) {
                return Optional.empty();
            }
            Thread.sleep(PAUSE_MILLIS);
        }
    }

    /** Like {@link #sample(String, Duration, BooleanSupplier)}, for the whole span. */
    public static Optional<String> sample(String taskPackage, Duration span) throws InterruptedException {
        return sample(taskPackage, span, () -> false);
    }

    /** What {@link #watch} saw: the call's result, the first thread seen waiting in student code, and how long it took. */
    public record Watched<T>(T value, Optional<String> waiting, long millis) {
    }

    /**
     * Runs {@code call} on a fresh daemon thread and samples every thread (the caller included) while it runs:
     * the proof that a call "returns at once" that does not depend on how busy the machine is. A call that
     * sleeps or joins a future is seen waiting inside the task's package; a call that merely runs slowly
     * because the machine is loaded is not. Threads that were already waiting in student code before the call
     * (left over from an earlier test) are not blamed on it. Fails the test when the call takes longer than
     * {@code limit}, naming what was still running.
     *
     * @throws Exception whatever {@code call} throws, unchanged
     */
    public static <T> Watched<T> watch(String taskPackage, Duration limit, String scenario, String hint, Callable<T> call)
            throws Exception {
        ThreadSnapshot before = ThreadSnapshot.take();
        Set<Thread> alreadyWaiting = waitingNow(taskPackage).keySet();
        FutureTask<T> task = new FutureTask<>(call);
        Thread runner = new Thread(task, "hidden-test-call");
        runner.setDaemon(true);
        long start = System.nanoTime();
        runner.start();
        Optional<String> waiting = sample(taskPackage, limit, task::isDone, alreadyWaiting);
        try {
            T value = task.get(Math.max(1, limit.toNanos() - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
            return new Watched<>(value, waiting, (System.nanoTime() - start) / 1_000_000);
        } catch (TimeoutException timedOut) {
            String still = ThreadSnapshot.describe(before.newThreads());
            runner.interrupt();
            return fail(scenario + " did not finish within " + AllowedTime.seconds(limit) + " — still running: " + still
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
        }
    }

    private static Map<Thread, String> waitingNow(String taskPackage) {
        String prefix = taskPackage + ".";
        Thread self = Thread.currentThread();
        Map<Thread, String> waiting = new HashMap<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            StackTraceElement[] stack = entry.getValue();
            Thread.State state = thread.getState();
            if (thread == self || stack.length == 0
                    || !(state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)) {
                continue;
            }
            for (StackTraceElement frame : stack) {
                String name = frame.getClassName();
                if (name.startsWith(prefix) && !TaskClasses.isKitClass(name)) {
                    waiting.put(thread, thread.getName() + " (" + state + " in " + StackFrames.shortName(stack[0])
                            + ", called from " + StackFrames.shortName(frame) + ")");
                    break;
                }
            }
        }
        return waiting;
    }
}
