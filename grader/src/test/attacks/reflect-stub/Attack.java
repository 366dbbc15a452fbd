package concurrency.counter;

final class Attack {
    static void onLoad() {
        String hidden = "concurrency.counter.LockedCounterHiddenTest";
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().contains("HiddenTest")) {
                hidden = frame.getClassName();
            }
        }
        String name = hidden;
        Probe.refused("Class.forName of a hidden test class seen on the stack", () -> Class.forName(name));
        Probe.refused("getResourceAsStream of the hidden test's class file",
                () -> Attack.class.getResourceAsStream("/" + name.replace('.', '/') + ".class").readAllBytes().length);
        Probe.refused("ClassLoader.getSystemResource of the hidden test",
                () -> ClassLoader.getSystemResource(name.replace('.', '/') + ".class"));
        Probe.refused("StackWalker RETAIN_CLASS_REFERENCE from the stub",
                () -> StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass());
        Probe.refused("Thread context class loader loadClass",
                () -> Thread.currentThread().getContextClassLoader().loadClass(name));
    }
}
