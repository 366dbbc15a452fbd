package kit.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples what a thread is doing, to tell a blocking wait from busy-waiting.
 *
 * <p>A thread blocked in {@code take()} shows {@code WAITING} in {@code LockSupport.park} every time; a
 * {@code poll()} spin loop shows {@code RUNNABLE}; a {@code poll()} + {@code sleep} loop shows
 * {@code TIMED_WAITING} with {@code Thread.sleep} on top (see the kit's testing notes).
 */
public final class ThreadStates {

    private ThreadStates() {
    }

    /** One observation of a thread: its state and top stack frame (may be {@code null}). */
    public record Sample(Thread.State state, StackTraceElement top) {

        /** Whether the thread was parked in a blocking wait (not sleeping, not running). */
        public boolean parked() {
            return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                    && top != null
                    && !(top.getClassName().equals("java.lang.Thread") && top.getMethodName().startsWith("sleep"));
        }

        @Override
        public String toString() {
            return state + (top == null ? "" : " in " + StackFrames.shortName(top));
        }
    }

    /** Takes {@code count} samples of {@code thread}, spread over {@code span}. */
    public static List<Sample> sample(Thread thread, int count, Duration span) throws InterruptedException {
        List<Sample> samples = new ArrayList<>(count);
        long pause = Math.max(1, span.toMillis() / count);
        for (int i = 0; i < count; i++) {
            StackTraceElement[] stack = thread.getStackTrace();
            samples.add(new Sample(thread.getState(), stack.length == 0 ? null : stack[0]));
            Thread.sleep(pause);
        }
        return samples;
    }

    /** Waits up to {@code limit} until {@code thread} is parked in a blocking wait; returns whether it is. */
    public static boolean awaitParked(Thread thread, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            StackTraceElement[] stack = thread.getStackTrace();
            if (new Sample(thread.getState(), stack.length == 0 ? null : stack[0]).parked()) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }
}
