package kit.grader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The gate that gives a confirmation run the grader's test JVMs to itself. */
class QuietGateTest {

    @Test
    @DisplayName("8 jobs holding the gate shared and 3 confirmations alone all finish, and alone never overlaps shared")
    void noDeadlockAndNoOverlap() {
        QuietGate gate = new QuietGate();
        AtomicInteger shared = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger confirmedAlone = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(11);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                List<Future<?>> futures = new ArrayList<>();
                for (int job = 0; job < 8; job++) {
                    futures.add(pool.submit(() -> {
                        for (int task = 0; task < 20; task++) {
                            gate.shared(() -> {
                                shared.incrementAndGet();
                                Thread.sleep(5);
                                shared.decrementAndGet();
                                return null;
                            });
                        }
                        return null;
                    }));
                }
                for (int c = 0; c < 3; c++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 5; i++) {
                            QuietGate.Alone<Boolean> a = gate.alone(10_000, () -> {
                                if (shared.get() != 0) {
                                    overlaps.incrementAndGet();
                                }
                                Thread.sleep(5);
                                return shared.get() == 0;
                            });
                            if (a.alone() && a.value()) {
                                confirmedAlone.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps.get()).isZero();
        assertThat(confirmedAlone.get()).isEqualTo(15);
        assertThat(gate.pausedNanos()).isGreaterThanOrEqualTo(15 * TimeUnit.MILLISECONDS.toNanos(5));
    }

    @Test
    @DisplayName("alone waits at most its bound for a shared holder that does not let go, then runs beside it")
    void boundedWait() throws Exception {
        QuietGate gate = new QuietGate();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                gate.shared(() -> {
                    holding.countDown();
                    release.await();
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        holding.await();
        long start = System.nanoTime();
        QuietGate.Alone<String> a = gate.alone(300, () -> "ran");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();
        holder.join(5000);
        assertThat(a.value()).isEqualTo("ran");
        assertThat(a.alone()).isFalse();
        assertThat(waited).isBetween(250L, 5_000L);
    }

    @Test
    @DisplayName("asking for the gate alone while holding it shared is refused at once instead of waiting forever")
    void aloneInsideSharedIsRefused() {
        QuietGate gate = new QuietGate();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> gate.shared(
                () -> gate.alone(60_000, () -> null))).isInstanceOf(IllegalStateException.class));
    }
}
