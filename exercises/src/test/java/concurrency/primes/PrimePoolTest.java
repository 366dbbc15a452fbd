package concurrency.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrency.testing.NotImplementedYet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("task:primes")
@ExtendWith(NotImplementedYet.class)
class PrimePoolTest {

    private static final List<Long> LESSON = List.of(15485863L, 15485867L, 15485869L, 15485917L, 15485927L);
    private static final List<Boolean> LESSON_RESULTS = List.of(true, true, false, true, true);

    @Test
    @DisplayName("isPrime answers the lesson's five numbers and the small cases 1, 2, 4 and 9 correctly.")
    void isPrimeOnTheLessonsNumbers() {
        List<Boolean> answers = new ArrayList<>();
        for (long n : LESSON) {
            answers.add(PrimePool.isPrime(n));
        }
        assertEquals(LESSON_RESULTS, answers, "isPrime on " + LESSON + " should give " + LESSON_RESULTS + ", but gave "
                + answers + ". Try every divisor from 2 up to the square root.");
        long[] small = {1, 2, 4, 9};
        boolean[] expected = {false, true, false, false};
        for (int i = 0; i < small.length; i++) {
            assertEquals(expected[i], PrimePool.isPrime(small[i]), "isPrime(" + small[i] + ") should be " + expected[i]
                    + ", but was " + !expected[i] + ". Numbers below 2 are not prime, and the square root itself"
                    + " must be tried as a divisor (i <= n / i).");
        }
    }

    @Test
    @DisplayName("checkAll on the lesson's five numbers returns [true, true, false, true, true].")
    void checkAllOnTheLessonsNumbers() throws Exception {
        List<Boolean> results = PrimePool.checkAll(LESSON);
        assertEquals(LESSON_RESULTS, results, "checkAll(" + LESSON + ") should return " + LESSON_RESULTS
                + ", but returned " + results + ". Collect the futures in the order of the numbers.");
    }

    @Test
    @DisplayName("checkAll with 3 workers runs 3 tests at the same time and keeps the input order.")
    void checkAllRunsWorkersTestsAtOnce() throws Exception {
        // Each test waits until 3 tests are running at once: only a pool of 3 threads gets past it.
        CyclicBarrier threeAtOnce = new CyclicBarrier(3);
        List<Long> numbers = List.of(2L, 4L, 5L, 6L, 7L, 8L);
        List<Boolean> results = PrimePool.checkAll(numbers, 3, n -> {
            try {
                threeAtOnce.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("fewer than 3 tests ran at the same time", e);
            }
            return n % 2 != 0 || n == 2;
        });
        assertEquals(List.of(true, false, true, false, true, false), results, "checkAll of " + numbers
                + " on 3 workers, with 3 tests at once, should return [true, false, true, false, true, false], but returned "
                + results + ". Submit every number before waiting for any result, then collect the futures in order.");
    }

    @Test
    @DisplayName("checkAll rejects 0 workers with an IllegalArgumentException.")
    void checkAllRejectsZeroWorkers() {
        // Only the exception's type is graded, never the wording of its message.
        assertThrows(IllegalArgumentException.class,
                () -> PrimePool.checkAll(List.of(7L), 0, PrimePool::isPrime),
                "checkAll([7], 0 workers) should throw IllegalArgumentException, but it did not. Check workers >= 1 first.");
    }
}
