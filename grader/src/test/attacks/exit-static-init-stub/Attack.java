package concurrency.counter;

final class Attack {
    static void onLoad() {
        System.exit(3);
    }

    static void inRunThreads(int perThread) {
    }
}
