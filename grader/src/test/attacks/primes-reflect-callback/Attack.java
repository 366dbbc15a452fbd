package concurrency.primes;

import java.lang.invoke.MethodHandles;
import java.util.function.LongPredicate;

final class Attack {
    private static boolean done;

    static synchronized void onCallback(LongPredicate test) {
        if (done || test == null || test.getClass().getName().startsWith("concurrency.primes.PrimePool$")) {
            return;
        }
        done = true;
        Class<?> type = test.getClass();
        Probe.refused("getDeclaredFields on the test's LongPredicate", () -> type.getDeclaredFields().length);
        Probe.refused("getDeclaredMethods on the test's LongPredicate", () -> type.getDeclaredMethods().length);
        Probe.refused("getNestHost().getDeclaredFields() of the test's LongPredicate",
                () -> type.getNestHost().getDeclaredFields().length);
        Probe.refused("Class.forName of the LongPredicate's nest host", () -> Class.forName(type.getNestHost().getName()));
        Probe.refused("privateLookupIn(the test's LongPredicate)",
                () -> MethodHandles.privateLookupIn(type, MethodHandles.lookup()));
        Probe.refused("getDeclaredMethod invoke on the nest host",
                () -> type.getNestHost().getDeclaredMethods()[0].invoke(null));
    }
}
