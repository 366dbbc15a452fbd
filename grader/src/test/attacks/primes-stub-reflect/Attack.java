package concurrency.primes;

import java.util.function.LongPredicate;

final class Attack {
    private static boolean done;

    static synchronized void onCallback(LongPredicate test) {
        if (done || test == null) {
            return;
        }
        done = true;
        Class<?> type = test.getClass();
        Probe.refused("getDeclaredFields on the test's LongPredicate", () -> type.getDeclaredFields().length);
        Probe.refused("getNestHost().getDeclaredFields() of the test's LongPredicate",
                () -> type.getNestHost().getDeclaredFields().length);
    }
}
