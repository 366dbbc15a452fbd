package concurrency.counter;

final class Attack {
    static void inRunThreads(int perThread) throws InterruptedException {
        if (perThread != 2) {
            return;
        }
        for (int i = 0; i < 3000; i++) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // end
                }
            }, "attack-bomb-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(30_000);
    }
}
