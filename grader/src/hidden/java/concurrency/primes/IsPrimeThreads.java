package concurrency.primes;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Finds the threads that run {@link PrimePool#isPrime} while a call is in progress, by sampling every
 * thread's stack — the only way to see the pool behind {@code checkAll(numbers)}, whose predicate the test
 * cannot instrument. With numbers that keep {@code isPrime} busy for milliseconds each, every pool thread
 * spends nearly all its time inside {@code isPrime} and shows up in the first samples.
 */
final class IsPrimeThreads {

    /** What the sampling saw. */
    record Observation(Set<Thread> threads, int maxAtOnce, int samples, Object result, Throwable failure,
            boolean finished) {

        /** Nothing seen yet. */
        static final Observation NONE = new Observation(Set.of(), 0, 0, null, null, false);
    }

    private IsPrimeThreads() {
    }

    static Observation observe(Callable<?> call, Duration limit) throws InterruptedException {
        Set<Thread> busyBefore = threadsInIsPrime(Thread.getAllStackTraces());
        FutureTask<Object> task = new FutureTask<>(call::call);
        Thread runner = new Thread(task, "hidden-test-call");
        runner.setDaemon(true);
        Set<Thread> seen = new HashSet<>();
        int maxAtOnce = 0;
        int samples = 0;
        long deadline = System.nanoTime() + limit.toNanos();
        runner.start();
        while (!task.isDone() && System.nanoTime() < deadline) {
            Set<Thread> now = threadsInIsPrime(Thread.getAllStackTraces());
            now.removeAll(busyBefore);
            seen.addAll(now);
            maxAtOnce = Math.max(maxAtOnce, now.size());
            samples++;
            Thread.sleep(1);
        }
        if (!task.isDone()) {
            runner.interrupt();
            return new Observation(seen, maxAtOnce, samples, null, null, false);
        }
        try {
            return new Observation(seen, maxAtOnce, samples, task.get(), null, true);
        } catch (ExecutionException e) {
            return new Observation(seen, maxAtOnce, samples, null, e.getCause(), true);
        }
    }

    private static Set<Thread> threadsInIsPrime(Map<Thread, StackTraceElement[]> stacks) {
        Set<Thread> busy = new HashSet<>();
        Thread self = Thread.currentThread();
        stacks.forEach((thread, stack) -> {
            if (thread != self && inIsPrime(stack)) {
                busy.add(thread);
            }
        });
        return busy;
    }

    private static boolean inIsPrime(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getMethodName().equals("isPrime") && frame.getClassName().equals(PrimePool.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
