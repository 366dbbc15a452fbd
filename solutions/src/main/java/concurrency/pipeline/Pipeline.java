package concurrency.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Producers and consumers that share a bounded {@link BlockingQueue} and stop on a poison pill: the
 * lesson's {@code Queue} with {@code q.put(None)}.
 */
public final class Pipeline {

    /** The item that tells one consumer to stop. */
    public static final String POISON_PILL = "<poison-pill>";

    private Pipeline() {
    }

    /** For each item in order: sleeps {@code interval}, puts it (blocking while the queue is full), prints. */
    public static void produce(BlockingQueue<String> queue, List<String> items, Duration interval)
            throws InterruptedException {
        Objects.requireNonNull(queue, "queue");
        requireNoNulls(items, "items");
        requireInterval(interval);
        for (String item : items) {
            TimeUnit.NANOSECONDS.sleep(interval.toNanos());
            queue.put(item);
            System.out.println("Produced " + item);
        }
    }

    /** Takes items and hands them to {@code sink} until the poison pill; returns how many it consumed. */
    public static int consume(BlockingQueue<String> queue, Consumer<? super String> sink)
            throws InterruptedException {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(sink, "sink");
        int consumed = 0;
        while (true) {
            String item = queue.take();
            if (POISON_PILL.equals(item)) {
                return consumed;
            }
            sink.accept(item);
            System.out.println("Consumed " + item);
            consumed++;
        }
    }

    /** Runs one producer thread per batch and {@code consumers} consumer threads over one bounded queue. */
    public static List<String> run(List<List<String>> batches, int consumers, int capacity, Duration interval)
            throws InterruptedException {
        Objects.requireNonNull(batches, "batches");
        for (int i = 0; i < batches.size(); i++) {
            String name = "batches[" + i + "]";
            requireNoNulls(batches.get(i), name);
            int pill = batches.get(i).indexOf(POISON_PILL);
            if (pill >= 0) {
                throw new IllegalArgumentException(
                        name + "[" + pill + "] must not be the poison pill " + POISON_PILL);
            }
        }
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, but was " + consumers);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        requireInterval(interval);

        BlockingQueue<String> queue = new ArrayBlockingQueue<>(capacity);
        Queue<String> consumed = new ConcurrentLinkedQueue<>();
        List<Thread> producers = new ArrayList<>();
        for (List<String> batch : batches) {
            producers.add(new Thread(() -> {
                try {
                    produce(queue, batch, interval);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "producer-" + producers.size()));
        }
        List<Thread> consumerThreads = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            consumerThreads.add(new Thread(() -> {
                try {
                    consume(queue, consumed::add);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "consumer-" + i));
        }

        producers.forEach(Thread::start);
        consumerThreads.forEach(Thread::start);
        try {
            for (Thread producer : producers) {
                producer.join();
            }
            // Only now, when nothing more can come, one pill for each consumer.
            for (int i = 0; i < consumers; i++) {
                queue.put(POISON_PILL);
            }
            for (Thread consumer : consumerThreads) {
                consumer.join();
            }
        } catch (InterruptedException e) {
            producers.forEach(Thread::interrupt);
            consumerThreads.forEach(Thread::interrupt);
            throw e;
        }
        return new ArrayList<>(consumed);
    }

    private static void requireNoNulls(List<String> items, String name) {
        Objects.requireNonNull(items, name);
        for (int i = 0; i < items.size(); i++) {
            Objects.requireNonNull(items.get(i), name + "[" + i + "]");
        }
    }

    private static void requireInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, but was " + interval);
        }
    }
}
