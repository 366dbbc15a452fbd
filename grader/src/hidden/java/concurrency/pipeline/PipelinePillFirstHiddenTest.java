package concurrency.pipeline;

import java.time.Duration;
import java.util.List;
import kit.testing.BadArguments;
import kit.testing.Graded;
import kit.testing.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hidden test of {@code Pipeline.run}'s check for the poison pill as the first item of a batch. */
@Tag("task:pipeline")
class PipelinePillFirstHiddenTest {

    @Test
    @DisplayName("run rejects a batch whose first item is the poison pill with IllegalArgumentException.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "The poison pill is rejected wherever it stands in a batch, the first item included.")
    void pillAsFirstItemIsRejected() {
        BadArguments.expect(IllegalArgumentException.class, null, "run([[POISON_PILL, a]], 1 consumer, capacity 2, 0 ms)",
                () -> Pipeline.run(List.of(List.of(Pipeline.POISON_PILL, "a")), 1, 2, Duration.ZERO));
    }
}
