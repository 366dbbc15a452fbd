package concurrency.counter;

import java.util.concurrent.CyclicBarrier;

final class Attack {
    static void inRunThreads(int perThread) throws InterruptedException {
        if (perThread != 2) {
            return;
        }
        Object a = new Object();
        Object b = new Object();
        CyclicBarrier both = new CyclicBarrier(2);
        Thread one = new Thread(() -> lockBoth(a, b, both), "attack-deadlock-1");
        Thread two = new Thread(() -> lockBoth(b, a, both), "attack-deadlock-2");
        one.start();
        two.start();
        one.join();
        two.join();
    }

    private static void lockBoth(Object first, Object second, CyclicBarrier both) {
        synchronized (first) {
            try {
                both.await();
            } catch (Exception e) {
                // go on and deadlock
            }
            synchronized (second) {
                System.out.println("never printed");
            }
        }
    }
}
