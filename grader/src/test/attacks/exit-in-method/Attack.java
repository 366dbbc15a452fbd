package concurrency.counter;

final class Attack {
    static void onLoad() {
    }

    static void inRunThreads(int perThread) {
        if (perThread == 100_000) {
            Runtime.getRuntime().halt(0);
        }
    }
}
