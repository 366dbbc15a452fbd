package kit.grader.child;

import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Finds threads that a task's code under test left behind: any new thread still alive after its tests (a pool
 * never shut down, a thread stuck in a wait, a daemon that sleeps and would act later, an endless loop that
 * ignores interrupts). Nothing inside the JVM stops such threads, and they could disturb the next task's tests
 * in the same JVM, so the grader retires the JVM after the task and runs the next task in a fresh one.
 *
 * <p>The JDK's shared threads stay while they wait in JDK code: the common pool's workers, the scheduler behind
 * {@code CompletableFuture.delayedExecutor} and the JDK's internal threads such as the process reaper, which
 * correct solutions start too (submitted code cannot create an internal thread itself).
 */
final class LeftoverThreads {

    private static final long GRACE_MILLIS = 200;
    /** The JDK's own pool threads: CompletableFuture's delay scheduler and the process reaper of ProcessBuilder. */
    private static final Set<String> JDK_THREAD_NAMES = Set.of("CompletableFutureDelayScheduler", "process reaper");

    private LeftoverThreads() {
    }

    /** The live threads now. */
    static Set<Thread> snapshot() {
        return Thread.getAllStackTraces().keySet();
    }

    /** Whether a thread started since {@code before} is still alive (after a short grace), other than the JDK's. */
    static boolean leftSince(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        for (Thread t : snapshot()) {
            if (before.contains(t) || t == Thread.currentThread() || isJdkShared(t)) {
                continue;
            }
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** The common pool's workers, the JDK's delay scheduler and internal threads, when they wait in JDK code only. */
    private static boolean isJdkShared(Thread t) {
        boolean shared = (t instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool())
                || (t.getClass() == Thread.class && JDK_THREAD_NAMES.contains(t.getName()))
                || t.getClass().getName().startsWith("jdk.internal.");
        if (!shared) {
            return false;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")) {
                return false;
            }
        }
        return true;
    }

}
