package concurrency.pipeline;

import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LinkedBlockingQueue} that counts how it is asked for items: blocking waits ({@code take},
 * {@code poll} with a timeout) versus calls that return at once ({@code poll()}, {@code peek},
 * {@code size}, {@code isEmpty}). A consumer that busy-waits on an empty queue makes thousands of the
 * latter per second; one that blocks makes none.
 */
final class CountingQueue extends LinkedBlockingQueue<String> {

    private static final long serialVersionUID = 1L;

    private final AtomicLong blockingCalls = new AtomicLong();
    private final AtomicLong immediateCalls = new AtomicLong();

    CountingQueue() {
    }

    CountingQueue(Collection<String> items) {
        super(items);
    }

    long blockingCalls() {
        return blockingCalls.get();
    }

    long immediateCalls() {
        return immediateCalls.get();
    }

    @Override
    public String take() throws InterruptedException {
        blockingCalls.incrementAndGet();
        return super.take();
    }

    @Override
    public String poll(long timeout, TimeUnit unit) throws InterruptedException {
        blockingCalls.incrementAndGet();
        return super.poll(timeout, unit);
    }

    @Override
    public String poll() {
        immediateCalls.incrementAndGet();
        return super.poll();
    }

    @Override
    public String peek() {
        immediateCalls.incrementAndGet();
        return super.peek();
    }

    @Override
    public int size() {
        immediateCalls.incrementAndGet();
        return super.size();
    }

    @Override
    public boolean isEmpty() {
        immediateCalls.incrementAndGet();
        return super.size() == 0;
    }
}
