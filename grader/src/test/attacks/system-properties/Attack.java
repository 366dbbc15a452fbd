package concurrency.counter;

final class Attack {
    static void inRunThreads(int perThread) {
        if (perThread != 100_000) {
            return;
        }
        Probe.refused("System.getProperties() to remove kit.grader.testJvm", () -> {
            System.getProperties().remove("kit.grader.testJvm");
            return "removed";
        });
        Probe.refused("System.exit(0) after that", () -> {
            System.exit(0);
            return null;
        });
    }
}
