package concurrency.counter;

final class Attack {
    static void inRunThreads(int perThread) {
        if (perThread != 100_000) {
            return;
        }
        Thread forever = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // never stop
                }
            }
        }, "attack-forever");
        forever.setDaemon(false);
        forever.start();
    }
}
