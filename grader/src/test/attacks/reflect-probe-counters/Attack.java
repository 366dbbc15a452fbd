package concurrency.counter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

final class Attack {
    private static boolean done;

    static synchronized void onLock(Lock lock) {
        if (done || lock instanceof ReentrantLock || lock == null) {
            return;
        }
        done = true;
        Class<?> spy = lock.getClass();
        // If any of these worked, the cheat below would add the missing lock() and unlock() calls.
        Probe.refused("getDeclaredFields on the test's lock", () -> cheat(lock, spy.getDeclaredFields()));
        Probe.refused("getDeclaredField(\"acquisitions\")", () -> cheat(lock, spy.getDeclaredField("acquisitions")));
        Probe.refused("getMethods on the test's lock", () -> spy.getMethods().length);
        Probe.refused("getNestHost().getDeclaredFields()", () -> spy.getNestHost().getDeclaredFields().length);
        Probe.refused("getDeclaredConstructors on the test's lock", () -> spy.getDeclaredConstructors().length);
        Probe.refused("MethodHandles.privateLookupIn(the test's lock)",
                () -> MethodHandles.privateLookupIn(spy, MethodHandles.lookup()));
        Probe.refused("Lookup.findVirtual on the test's lock",
                () -> MethodHandles.lookup().findVirtual(spy, "acquisitions", MethodType.methodType(int.class)));
        Probe.refused("Lookup.findClass(\"concurrency.counter.SpyLock\")",
                () -> MethodHandles.lookup().findClass("concurrency.counter.SpyLock"));
        Probe.refused("Class.forName(\"concurrency.counter.SpyLock\")", () -> Class.forName("concurrency.counter.SpyLock"));
        Probe.refused("Class.forName(\"concurrency.counter.LockedCounterHiddenTest\")",
                () -> Class.forName("concurrency.counter.LockedCounterHiddenTest"));
        Probe.refused("Class.forName(\"kit.grader.sandbox.Guard\")", () -> Class.forName("kit.grader.sandbox.Guard"));
        Probe.refused("StackWalker RETAIN_CLASS_REFERENCE",
                () -> StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(s -> s.count()));
        Probe.refused("getClassLoader().loadClass",
                () -> Attack.class.getClassLoader().loadClass("concurrency.counter.SpyLock"));
        Probe.refused("Field.setAccessible on a JDK field", () -> {
            Field f = AtomicInteger.class.getDeclaredField("value");
            f.setAccessible(true);
            return f;
        });
        Probe.refused("Module.addOpens to the test's module",
                () -> Attack.class.getModule().addOpens("concurrency.counter", spy.getModule()));
    }

    private static Object cheat(Lock lock, Field... fields) throws IllegalAccessException {
        for (Field f : fields) {
            if (f.getType() == AtomicInteger.class) {
                f.setAccessible(true);
                ((AtomicInteger) f.get(lock)).addAndGet(1_000);
            }
        }
        return fields.length + " fields";
    }
}
