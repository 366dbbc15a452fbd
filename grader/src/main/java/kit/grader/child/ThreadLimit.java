package kit.grader.child;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Stops the test JVM when the code under test has started too many threads at once: thousands of threads slow the
 * whole machine down (and with it every other test's timing) long before the JVM itself fails. The JVM ends with
 * {@link #EXIT_STATUS}, which the grader reports on the test that was running.
 */
final class ThreadLimit {

    /** Most live threads a test JVM may have; a correct solution never needs more than a few dozen. */
    static final int MAX_THREADS = 2000;
    /** The test JVM's exit status when it was stopped for too many threads. */
    static final int EXIT_STATUS = Protocol.EXIT_TOO_MANY_THREADS;

    private static final long SAMPLE_MILLIS = 20;

    private ThreadLimit() {
    }

    /** Starts the watchdog thread. */
    static void watch(PrintStream realErr) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread watchdog = new Thread(() -> {
            while (true) {
                if (threads.getThreadCount() > MAX_THREADS) {
                    realErr.println("test JVM: more than " + MAX_THREADS + " live threads; stopping");
                    realErr.flush();
                    Runtime.getRuntime().halt(EXIT_STATUS);
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    // Only the JVM's end stops the watchdog.
                }
            }
        }, "grader-thread-limit");
        watchdog.setDaemon(true);
        watchdog.setPriority(Thread.MAX_PRIORITY);
        watchdog.start();
    }
}
