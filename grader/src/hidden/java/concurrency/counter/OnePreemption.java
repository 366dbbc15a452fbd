package concurrency.counter;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds lost updates deterministically: thread A calls {@code increment()} and is stopped at one step of it
 * (each step in turn: every field or array access, call, lock or unlock); while A is stopped, thread B runs a
 * whole {@code increment()} — or blocks, if A holds what B needs; then A goes on. A correct counter ends at 2
 * after every such schedule. A counter whose read-add-write can be split by another thread ends at 1 at the
 * step between A's read and A's write, every time.
 *
 * <p>This explores every schedule with one preemption of A, which is where a lost update of two increments
 * shows up. It needs no agent and no JVM flag: the student's classes are loaded a second time through
 * {@link InstrumentingLoader}.
 */
final class OnePreemption {

    /** How long B may run before A is let go even though B is neither finished nor blocked (a spinning lock). */
    private static final long B_MAX_MILLIS = 300;

    private OnePreemption() {
    }

    /** The first schedule that lost an update, or {@code null} when every schedule counted 2. */
    record LostUpdate(String where, long value, boolean bFinishedWhileAPaused, int step, int steps) {
    }

    /** The outcome of the exploration: a lost update (or null) and how many schedules were tried. */
    record Outcome(LostUpdate lost, int schedules) {
    }

    static Outcome explore() throws Exception {
        InstrumentingLoader loader = new InstrumentingLoader(OnePreemption.class.getClassLoader());
        Class<?> type = loader.loadClass(LockedCounter.class.getName());
        Constructor<?> create = type.getConstructor();
        Method increment = type.getMethod("increment");
        Method value = type.getMethod("value");

        int steps = countSteps(create.newInstance(), increment);
        for (int step = 1; step <= steps; step++) {
            Object counter = create.newInstance();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread a = thread("hidden-test-A", counter, increment, failure);
            Thread b = thread("hidden-test-B", counter, increment, failure);
            boolean bFinished;
            try {
                PausePoints.arm(a, step);
                a.start();
                if (!PausePoints.awaitPaused(2000)) {
                    a.join(2000);
                    continue; // this run of increment() took a shorter path
                }
                b.start();
                bFinished = finishesOrBlocks(b);
            } finally {
                PausePoints.disarm();
            }
            a.join(3000);
            b.join(3000);
            rethrow(failure.get());
            if (a.isAlive() || b.isAlive()) {
                throw new AssertionError("2 threads calling increment() on one new LockedCounter() should both finish,"
                        + " but " + (a.isAlive() ? "thread A" : "thread B") + " was still running 3 s later."
                        + " Release the lock in a finally block after every lock().");
            }
            long result = (long) invoke(value, counter);
            if (result != 2) {
                return new Outcome(new LostUpdate(PausePoints.describe(PausePoints.pausedAt()), result, bFinished, step,
                        steps), step);
            }
        }
        return new Outcome(null, steps);
    }

    private static int countSteps(Object counter, Method increment) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread a = thread("hidden-test-A", counter, increment, failure);
        PausePoints.arm(a, 0);
        try {
            a.start();
            a.join(3000);
            rethrow(failure.get());
            return PausePoints.reached();
        } finally {
            PausePoints.disarm();
        }
    }

    /** Waits until B has finished (true) or is blocked or has run for {@link #B_MAX_MILLIS} (false). */
    private static boolean finishesOrBlocks(Thread b) throws InterruptedException {
        long deadline = System.nanoTime() + B_MAX_MILLIS * 1_000_000;
        int blockedSamples = 0;
        while (System.nanoTime() < deadline) {
            if (!b.isAlive()) {
                return true;
            }
            Thread.State state = b.getState();
            boolean blocked = state == Thread.State.BLOCKED || state == Thread.State.WAITING
                    || state == Thread.State.TIMED_WAITING;
            blockedSamples = blocked ? blockedSamples + 1 : 0;
            if (blockedSamples >= 3) {
                return false;
            }
            Thread.sleep(1);
        }
        return !b.isAlive();
    }

    private static Thread thread(String name, Object counter, Method increment, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                invoke(increment, counter);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private static Object invoke(Method method, Object target) throws Exception {
        try {
            return method.invoke(target);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }

    private static void rethrow(Throwable failure) throws Exception {
        if (failure instanceof Exception) {
            throw (Exception) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }
}
