package concurrency.counter;

import java.util.function.IntConsumer;

final class Attack {
    static void onLoad() {
        Probe.refused("System.exit(3)", () -> { System.exit(3); return null; });
        Probe.refused("Runtime.exit(3)", () -> { Runtime.getRuntime().exit(3); return null; });
        Probe.refused("Runtime.halt(3)", () -> { Runtime.getRuntime().halt(3); return null; });
        IntConsumer exit = System::exit;
        Probe.refused("System::exit as an IntConsumer", () -> { exit.accept(3); return null; });
    }

    static void inRunThreads(int perThread) {
    }
}
