package concurrency.counter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A counter that many threads may increment at once, guarded by a {@link Lock}: the lesson's
 * {@code with lock: counter += 1}.
 */
public class LockedCounter {

    private final Lock lock;
    private long count;

    /** Creates a counter guarded by a new {@link ReentrantLock}. */
    public LockedCounter() {
        this(new ReentrantLock());
    }

    /** Creates a counter guarded by {@code lock}. */
    public LockedCounter(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Adds one; safe from any number of threads. */
    public void increment() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the count, including every increment that has completed. */
    public long value() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Starts {@code threads} threads that each increment {@code perThread} times, joins them, returns the value. */
    public static long runThreads(LockedCounter counter, int threads, int perThread) throws InterruptedException {
        Objects.requireNonNull(counter, "counter");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
        }
        if (perThread < 0) {
            throw new IllegalArgumentException("perThread must not be negative, but was " + perThread);
        }
        List<Thread> workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                for (int j = 0; j < perThread; j++) {
                    counter.increment();
                }
            }, "counter-" + i);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return counter.value();
    }
}
