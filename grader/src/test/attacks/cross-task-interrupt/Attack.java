package concurrency.counter;

import java.util.List;

final class Attack {
    static void onLoad() {
        Thread later = new Thread(() -> {
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (System.nanoTime() < deadline) {
                List<Thread> targets = Probe.hiddenTestThreads("concurrency.primes.");
                for (Thread t : targets) {
                    t.interrupt();
                }
                try {
                    Thread.sleep(targets.isEmpty() ? 5 : 1);
                } catch (InterruptedException e) {
                    // keep going
                }
            }
        }, "attack-interrupt-later");
        later.setDaemon(true);
        later.start();
    }

    static void inRunThreads(int perThread) {
    }
}
