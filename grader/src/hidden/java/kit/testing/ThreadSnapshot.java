package kit.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live threads of this JVM at one moment, to find the threads a piece of student code started.
 *
 * <p>Take a snapshot before the call and ask it afterwards which threads are new. Other tests (or a
 * wrong submission of another task) may have leaked threads earlier; those are in the snapshot and
 * therefore never blamed on the code under test.
 */
public final class ThreadSnapshot {

    private final Set<Thread> threads;

    private ThreadSnapshot(Set<Thread> threads) {
        this.threads = threads;
    }

    /** Takes a snapshot of every live thread. */
    public static ThreadSnapshot take() {
        return new ThreadSnapshot(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /** Returns the threads alive now that were not alive when this snapshot was taken. */
    public List<Thread> newThreads() {
        List<Thread> fresh = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!threads.contains(thread) && thread.isAlive()) {
                fresh.add(thread);
            }
        }
        return fresh;
    }

    /**
     * Waits up to {@code grace} for every thread started since this snapshot to end, and returns those
     * still alive afterwards (empty when all are gone).
     */
    public List<Thread> threadsStillAliveAfter(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : newThreads()) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
        }
        List<Thread> alive = newThreads();
        return Collections.unmodifiableList(alive);
    }

    /** Describes threads for a failure message: names and where each one is, e.g. {@code pool-3-thread-1 (WAITING in LockSupport.park)}. */
    public static String describe(List<Thread> threads) {
        return threads.stream().map(ThreadSnapshot::describe).collect(Collectors.joining(", "));
    }

    /** Describes one thread: its name, state and top stack frame. */
    public static String describe(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        String where = stack.length == 0 ? "" : " in " + StackFrames.shortName(stack[0]);
        return thread.getName() + " (" + thread.getState() + where + ")";
    }
}
