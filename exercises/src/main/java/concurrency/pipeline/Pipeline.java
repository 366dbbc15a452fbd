package concurrency.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Producers and consumers that hand items over through a bounded {@link BlockingQueue} and stop on a
 * poison pill.
 *
 * <p>Python's {@code queue.Queue} with {@code q.put(item)}, {@code q.get()} and {@code q.put(None)} to
 * tell a consumer to stop. In Java the queue is a {@link BlockingQueue}, for example a
 * {@link java.util.concurrent.ArrayBlockingQueue} of a fixed capacity: {@code put} waits while the queue
 * is full, {@code take} waits while it is empty. Both block the thread without using the CPU, so a
 * consumer with nothing to do costs nothing, and a fast producer cannot run ahead of slow consumers by
 * more than the capacity.
 *
 * <p>Pitfalls: {@code add} throws ({@code "Queue full"}) and {@code offer} silently drops the item when
 * the queue is full — use {@code put}; {@code poll()} without a timeout in a loop is busy-waiting and
 * burns a whole core; compare with the pill using {@code equals}, not {@code ==}.
 */
public final class Pipeline {

    /** The item that tells one consumer to stop (Python's {@code None}). */
    public static final String POISON_PILL = "<poison-pill>";

    private Pipeline() {
    }

    /**
     * The producer: for each item, in order, sleeps {@code interval} (the lesson's
     * {@code time.sleep(0.1)}), puts the item into the queue — waiting while the queue is full — and
     * prints {@code Produced <item>}.
     *
     * @param queue the queue to put into
     * @param items the items to produce, none {@code null}
     * @param interval how long to sleep before each item, not negative
     * @throws NullPointerException if an argument or an item is {@code null} (the message names it)
     * @throws IllegalArgumentException if {@code interval} is negative
     * @throws InterruptedException if interrupted while sleeping or waiting; let it propagate
     */
    public static void produce(BlockingQueue<String> queue, List<String> items, Duration interval)
            throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: for each item: Thread.sleep(interval.toMillis()), queue.put(item) (blocks while full), "
                        + "print \"Produced <item>\"");
    }

    /**
     * The consumer: repeatedly waits for the next item with a blocking call; on an item equal to
     * {@link #POISON_PILL} returns the number of items it consumed; otherwise hands the item to
     * {@code sink} and prints {@code Consumed <item>}.
     *
     * <p>Wait with {@code queue.take()} (or {@code poll(timeout, unit)} in a loop) — never with a loop
     * around {@code poll()}, {@code isEmpty()} or {@code Thread.sleep}. It stops at the first pill: items
     * behind the pill stay in the queue for another consumer.
     *
     * @param queue the queue to take from
     * @param sink receives every consumed item, in the order taken
     * @return how many items were consumed (the pill not counted)
     * @throws NullPointerException if an argument is {@code null}
     * @throws InterruptedException if interrupted while waiting; let it propagate
     */
    public static int consume(BlockingQueue<String> queue, Consumer<? super String> sink)
            throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: loop: String item = queue.take(); stop and return the count when POISON_PILL.equals(item), "
                        + "else sink.accept(item)");
    }

    /**
     * The whole pipeline of the lesson: one bounded queue, one producer thread per batch, several
     * consumer threads; returns every consumed item.
     *
     * <ol>
     *   <li>Check the input first, before any thread is started.
     *   <li>Create one queue of {@code capacity} ({@code new ArrayBlockingQueue<>(capacity)}).
     *   <li>Start one thread per batch that runs {@link #produce} with {@code interval}, and
     *       {@code consumers} threads that run {@link #consume}, collecting into a thread-safe collection
     *       (e.g. {@link java.util.concurrent.ConcurrentLinkedQueue}). Consumers must run while the
     *       producers are still producing: a full queue makes producers wait for them.
     *   <li>Join every producer; only then put exactly one {@link #POISON_PILL} per consumer — each
     *       consumer stops at the first pill it takes, so one pill stops only one consumer.
     *   <li>Join every consumer and return everything they consumed (in any order; each item exactly once).
     * </ol>
     *
     * <p>Inside a thread's {@code Runnable}, catch the {@code InterruptedException} and restore the flag
     * with {@code Thread.currentThread().interrupt()}. If this method is interrupted while joining, let
     * the {@code InterruptedException} propagate. Interrupt your producer and consumer threads first: none
     * of them may outlive the call.
     *
     * @param batches the items of each producer; no batch or item may be {@code null} or the pill
     * @param consumers the number of consumer threads, at least 1
     * @param capacity the capacity of the queue, at least 1
     * @param interval each producer's sleep before each item
     * @return every consumed item
     * @throws NullPointerException if {@code batches}, a batch, an item or {@code interval} is
     *     {@code null}
     * @throws IllegalArgumentException if {@code consumers < 1}, {@code capacity < 1}, an item is the
     *     poison pill, or {@code interval} is negative
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static List<String> run(List<List<String>> batches, int consumers, int capacity, Duration interval)
            throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: new ArrayBlockingQueue<>(capacity); start producer and consumer Threads; join the producers; "
                        + "put one POISON_PILL per consumer; join the consumers");
    }
}
