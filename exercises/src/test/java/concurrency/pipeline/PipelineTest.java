package concurrency.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.testing.NotImplementedYet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:pipeline")
@ExtendWith(NotImplementedYet.class)
class PipelineTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final List<String> ITEMS = List.of("item-0", "item-1", "item-2", "item-3", "item-4");

    @Test
    @DisplayName("produce puts every item into the queue, in order.")
    void producePutsEveryItem() {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
        assertTimeoutPreemptively(LIMIT, () -> Pipeline.produce(queue, ITEMS, Duration.ofMillis(10)));
        List<String> inQueue = new ArrayList<>(queue);
        assertEquals(ITEMS, inQueue, "produce of item-0 … item-4 should leave them in the queue in that order, but"
                + " the queue held " + inQueue + ". put each item once, in list order.");
    }

    @Test
    @DisplayName("consume stops at the poison pill and returns how many items it consumed.")
    void consumeStopsAtThePill() {
        BlockingQueue<String> queue =
                new LinkedBlockingQueue<>(List.of("item-0", "item-1", "item-2", Pipeline.POISON_PILL));
        List<String> sink = new ArrayList<>();
        int count = assertTimeoutPreemptively(LIMIT, () -> Pipeline.consume(queue, sink::add));
        assertEquals(List.of("item-0", "item-1", "item-2"), sink, "consume of [item-0, item-1, item-2, pill] should"
                + " hand the three items to the sink in order, but the sink got " + sink + ". Pass every item"
                + " before the pill to sink.accept.");
        assertEquals(3, count, "consume of [item-0, item-1, item-2, pill] should return 3, but returned " + count
                + ". Count the items, not the pill.");
    }

    @Test
    @DisplayName("The lesson's pipeline: 1 producer of 5 items at 50 ms and 1 consumer pass every item in about 250 ms.")
    void lessonPipeline() {
        long start = System.nanoTime();
        List<String> consumed = assertTimeoutPreemptively(LIMIT,
                () -> Pipeline.run(List.of(ITEMS), 1, 10, Duration.ofMillis(50)));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ITEMS, consumed, "run of one producer with item-0 … item-4 and one consumer should return the"
                + " items in order, but returned " + consumed + ". Collect what the consumer takes.");
        assertTrue(elapsed >= 245, "run of 5 items at 50 ms should take about 250 ms, but took " + elapsed
                + " ms. Sleep interval before each item in produce.");
    }

    @Test
    @DisplayName("run with 2 producers and 2 consumers delivers every item exactly once.")
    void twoProducersTwoConsumers() {
        List<String> first = List.of("a-0", "a-1", "a-2", "a-3");
        List<String> second = List.of("b-0", "b-1", "b-2", "b-3");
        List<String> consumed = assertTimeoutPreemptively(LIMIT,
                () -> Pipeline.run(List.of(first, second), 2, 3, Duration.ofMillis(10)),
                "run with 2 consumers did not finish within 5 s. Put one POISON_PILL per consumer.");
        List<String> sorted = new ArrayList<>(consumed);
        sorted.sort(null);
        List<String> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertEquals(expected, sorted, "run of [a-0 … a-3] and [b-0 … b-3] with 2 consumers should deliver each of"
                + " the 8 items exactly once, but delivered " + consumed + ". Start the consumers with the producers"
                + " and put the pills only after every producer has finished.");
    }

    @Test
    @DisplayName("run rejects 0 consumers with IllegalArgumentException.")
    void rejectsZeroConsumers() {
        assertThrows(IllegalArgumentException.class,
                () -> assertTimeoutPreemptively(LIMIT, () -> Pipeline.run(List.of(ITEMS), 0, 10, Duration.ZERO)),
                "run(batches, 0, 10, 0 ms) should throw IllegalArgumentException. Check consumers >= 1 before"
                        + " starting any thread.");
    }
}
