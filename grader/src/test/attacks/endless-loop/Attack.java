package concurrency.counter;

final class Attack {
    static volatile long sink;

    static void inRunThreads(int perThread) {
        while (perThread == 100_000) {
            sink++;
            Thread.interrupted();
        }
    }
}
