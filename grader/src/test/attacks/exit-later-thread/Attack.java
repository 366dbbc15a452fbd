package concurrency.counter;

final class Attack {
    static void onLoad() {
        Thread later = new Thread(() -> {
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!Probe.hiddenTestThreads("concurrency.primes.").isEmpty()) {
                    Probe.refused("System.exit(5) while primes is graded", () -> { System.exit(5); return null; });
                    Probe.refused("Runtime.halt(6) while primes is graded", () -> {
                        Runtime.getRuntime().halt(6);
                        return null;
                    });
                    return;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    // keep waiting
                }
            }
        }, "attack-exit-later");
        later.setDaemon(true);
        later.start();
    }

    static void inRunThreads(int perThread) {
    }
}
