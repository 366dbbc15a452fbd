package concurrency.counter;

final class Attack {
    static void onLoad() {
    }

    static void inRunThreads(int perThread) {
        if (perThread == 2) {
            Runtime.getRuntime().halt(0);
        }
    }
}
