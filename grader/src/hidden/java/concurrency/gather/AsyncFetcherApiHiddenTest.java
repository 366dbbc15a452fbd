package concurrency.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import kit.testing.AllowedTime;
import kit.testing.AsyncResults;
import kit.testing.BlockingCalls;
import kit.testing.Graded;
import kit.testing.Kind;
import kit.testing.TaskClasses;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which tools the non-blocking methods use. */
@Tag("task:gather")
class AsyncFetcherApiHiddenTest {

    /** The non-blocking methods; gather may join stages that allOf has already completed, so joins are not searched there. */
    private static final Set<String> NON_BLOCKING = Set.of("fetchUrl", "gather", "fetchSequentially", "fetchConcurrently",
            "downloadAllAsync");

    @Test
    @DisplayName("The non-blocking methods never call Thread.sleep, join() or get(), not even through a method reference.")
    @Graded(points = 1, kind = Kind.API,
            requirement = "Return a future at once; never call Thread.sleep, and never wait for a future with join() or get()")
    void noSleepJoinOrGet() throws Exception {
        String data = AsyncResults.value(AllowedTime.within(Duration.ofSeconds(2), "fetchUrl(\"api\", 20 ms)",
                "Return the future at once.", () -> AsyncFetcher.fetchUrl("api", Duration.ofMillis(20))),
                Duration.ofSeconds(2), "fetchUrl(\"api\", 20 ms)", "Complete it after the delay.");
        assertEquals("Data from api", data, "fetchUrl(\"api\", 20 ms) should complete with \"Data from api\", but completed"
                + " with \"" + data + "\". Return \"Data from \" + name.");

        var classes = TaskClasses.of("concurrency.gather");
        List<String> sleeps = BlockingCalls.reachableFrom(classes, NON_BLOCKING, Set.of("downloadAllSync"),
                EnumSet.of(BlockingCalls.Kind.SLEEP));
        assertTrue(sleeps.isEmpty(), "fetchUrl, gather, fetchSequentially, fetchConcurrently and downloadAllAsync should"
                + " never sleep, but " + String.join("; ", sleeps) + ". Wait with CompletableFuture.delayedExecutor: a"
                + " sleeping thread is exactly what asyncio avoids.");
        List<String> waits = BlockingCalls.reachableFrom(classes, Set.of("fetchUrl", "fetchSequentially",
                "fetchConcurrently", "downloadAllAsync"), Set.of("gather", "downloadAllSync"),
                EnumSet.of(BlockingCalls.Kind.WAIT_FOR_FUTURE));
        assertTrue(waits.isEmpty(), "fetchUrl, fetchSequentially, fetchConcurrently and downloadAllAsync should never wait"
                + " for a future, but " + String.join("; ", waits) + ". Chain with thenCompose/thenApply or gather instead"
                + " of join() or get().");
    }
}
