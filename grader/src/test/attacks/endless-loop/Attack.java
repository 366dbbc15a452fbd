package concurrency.counter;

final class Attack {
    static volatile long sink;

    static void inRunThreads(int perThread) {
        while (perThread == 2) {
            sink++;
            Thread.interrupted();
        }
    }
}
