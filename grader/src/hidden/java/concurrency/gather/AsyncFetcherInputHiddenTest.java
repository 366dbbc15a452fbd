package concurrency.gather;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import kit.testing.BadArguments;
import kit.testing.Graded;
import kit.testing.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hidden test of {@code fetchSequentially}'s argument checks: every request before the first fetch. */
@Tag("task:gather")
class AsyncFetcherInputHiddenTest {

    @Test
    @DisplayName("fetchSequentially rejects a null request or a negative delay anywhere in the list at once.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Every request is checked before the first fetch starts: a null request or a negative delay anywhere in the list is rejected at once.")
    void fetchSequentiallyChecksEveryRequestFirst() {
        AsyncFetcher.Request fine = new AsyncFetcher.Request("page1", Duration.ofMillis(10));
        BadArguments.expect(NullPointerException.class, null, "fetchSequentially([page1 10 ms, null])",
                () -> AsyncFetcher.fetchSequentially(Arrays.asList(fine, null)));
        BadArguments.expect(IllegalArgumentException.class, null, "fetchSequentially([page1 10 ms, page2 -10 ms])",
                () -> AsyncFetcher.fetchSequentially(List.of(fine,
                        new AsyncFetcher.Request("page2", Duration.ofMillis(-10)))));
    }
}
