package kit.grader.child;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds threads that a task's code under test left behind and that could disturb the next task in the same JVM:
 * a non-daemon thread still alive (a pool never shut down, a thread stuck in a wait), or any new thread that still
 * burns CPU (an endless loop that ignores interrupts). Nothing inside the JVM stops such threads, so the grader
 * retires the JVM after the task and runs the next task in a fresh one.
 *
 * <p>Daemon threads that only wait, such as the JDK's delay scheduler and the common pool's idle workers, stay.
 */
final class LeftoverThreads {

    private static final long GRACE_MILLIS = 200;
    private static final long SAMPLE_MILLIS = 100;
    private static final long BUSY_NANOS = 30_000_000;

    private LeftoverThreads() {
    }

    /** The live threads now. */
    static Set<Thread> snapshot() {
        return Thread.getAllStackTraces().keySet();
    }

    /** Whether a thread started since {@code before} is a non-daemon thread still alive, or is busy. */
    static boolean leftSince(Set<Thread> before) throws InterruptedException {
        List<Thread> fresh = new ArrayList<>();
        for (Thread t : snapshot()) {
            if (!before.contains(t) && t.isAlive() && t != Thread.currentThread()) {
                fresh.add(t);
            }
        }
        long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        for (Thread t : fresh) {
            if (!t.isDaemon()) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (t.isAlive()) {
                    return true;
                }
            }
        }
        return busy(fresh.stream().filter(t -> t.isAlive() && t.getState() == Thread.State.RUNNABLE).toList());
    }

    /** Whether one of {@code threads} used at least 30 % of a core over 100 ms. */
    private static boolean busy(List<Thread> threads) throws InterruptedException {
        if (threads.isEmpty()) {
            return false;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return true;
        }
        Map<Long, Long> start = new HashMap<>();
        for (Thread t : threads) {
            start.put(t.getId(), mx.getThreadCpuTime(t.getId()));
        }
        Thread.sleep(SAMPLE_MILLIS);
        for (Thread t : threads) {
            long now = mx.getThreadCpuTime(t.getId());
            Long then = start.get(t.getId());
            if (now >= 0 && then != null && then >= 0 && now - then >= BUSY_NANOS) {
                return true;
            }
        }
        return false;
    }
}
