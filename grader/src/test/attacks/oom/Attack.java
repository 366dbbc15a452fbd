package concurrency.counter;

import java.util.ArrayList;
import java.util.List;

final class Attack {
    static void inRunThreads(int perThread) {
        if (perThread != 2) {
            return;
        }
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[1 << 20]);
        }
    }
}
