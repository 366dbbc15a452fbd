package concurrency.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import kit.testing.AllowedTime;
import kit.testing.Graded;
import kit.testing.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hidden test of {@code PrimePool.checkAll}'s smallest legal pool (the boundary of {@code workers < 1}). */
@Tag("task:primes")
class PrimePoolSmallestPoolHiddenTest {

    @Test
    @DisplayName("checkAll accepts workers = 1 and checks every number on that one worker.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "One worker is the smallest legal pool: with workers = 1 every number is checked on that one thread.")
    void oneWorkerIsLegal() throws Exception {
        List<Long> numbers = List.of(2L, 4L, 7L, 9L, 15485863L);
        List<Boolean> results = AllowedTime.within(Duration.ofSeconds(5), "checkAll([2, 4, 7, 9, 15485863], 1 worker, isPrime)",
                "Reject only workers < 1: a pool of one thread is legal.",
                () -> PrimePool.checkAll(numbers, 1, PrimePool::isPrime));
        assertEquals(List.of(true, false, true, false, true), results, "checkAll([2, 4, 7, 9, 15485863], 1 worker,"
                + " isPrime) should return [true, false, true, false, true], but returned " + results
                + ". workers = 1 is the smallest legal pool: only workers < 1 is rejected.");
    }
}
