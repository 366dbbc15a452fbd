package kit.grader.child;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds threads that code under test left running and that still burn CPU — an endless loop that ignores
 * interrupts. Nothing inside the JVM stops such a thread, and it would slow every later test in this JVM, so
 * the grader retires the JVM after the task.
 */
final class BusyThreads {

    private static final long SAMPLE_MILLIS = 100;
    private static final long BUSY_NANOS = 30_000_000;

    private BusyThreads() {
    }

    /** The live threads now. */
    static Set<Thread> snapshot() {
        return Thread.getAllStackTraces().keySet();
    }

    /** Whether a thread started since {@code before} is alive and used at least 30 % of a core over 100 ms. */
    static boolean leftSince(Set<Thread> before) throws InterruptedException {
        List<Thread> fresh = new ArrayList<>();
        for (Thread t : snapshot()) {
            if (!before.contains(t) && t.isAlive() && t != Thread.currentThread()
                    && t.getState() == Thread.State.RUNNABLE) {
                fresh.add(t);
            }
        }
        if (fresh.isEmpty()) {
            return false;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return true;
        }
        Map<Long, Long> start = new HashMap<>();
        for (Thread t : fresh) {
            start.put(t.getId(), mx.getThreadCpuTime(t.getId()));
        }
        Thread.sleep(SAMPLE_MILLIS);
        for (Thread t : fresh) {
            long now = mx.getThreadCpuTime(t.getId());
            Long then = start.get(t.getId());
            if (now >= 0 && then != null && then >= 0 && now - then >= BUSY_NANOS) {
                return true;
            }
        }
        return false;
    }
}
