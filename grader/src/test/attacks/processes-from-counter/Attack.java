package concurrency.counter;

import java.util.List;

final class Attack {
    static void onLoad() {
        Probe.refused("ProcessBuilder java -version from the counter task",
                () -> new ProcessBuilder("java", "-version").start().waitFor());
        Probe.refused("ProcessBuilder /bin/sh from the counter task", () -> new ProcessBuilder("/bin/sh", "-c",
                "touch " + Probe.CANARY + "/touched-by-sh").start().waitFor());
        Probe.refused("Runtime.exec", () -> Runtime.getRuntime().exec(new String[] {"/bin/true"}).waitFor());
        Probe.refused("ProcessBuilder.startPipeline",
                () -> ProcessBuilder.startPipeline(List.of(new ProcessBuilder("/bin/true"))));
        Probe.refused("destroy the parent process (the grader)",
                () -> ProcessHandle.current().parent().orElseThrow().destroyForcibly());
    }

    static void inRunThreads(int perThread) {
    }
}
