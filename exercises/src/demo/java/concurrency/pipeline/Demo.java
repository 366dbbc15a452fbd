package concurrency.pipeline;

import concurrency.demo.StubNotice;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The lesson's queue example: one producer makes item-0 … item-4, sleeping 0.1 s before each; one
 * consumer takes them until the poison pill. It takes about 0.5 s.
 *
 * <p>Run: {@code mvn -q compile exec:java -Ddemo=pipeline}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> items = List.of("item-0", "item-1", "item-2", "item-3", "item-4");
        Duration interval = Duration.ofMillis(100);
        try {
            long start = System.nanoTime();
            List<String> consumed = Pipeline.run(List.of(items), 1, 10, interval);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                    "1 producer and 1 consumer passed %d items %s through the queue in %.2f s "
                            + "(5 items x 0.1 s = about 0.5 s), then the consumer stopped at the poison pill",
                    consumed.size(), consumed, seconds));
        } catch (UnsupportedOperationException e) {
            System.err.println(StubNotice.describe(e));
        }
    }
}
