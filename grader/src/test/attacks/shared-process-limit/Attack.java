package concurrency.shared;

import java.nio.file.Path;

final class Attack {
    static void onLoad() {
        if (System.getProperty("kit.grader.testJvm") == null) {
            return;  // a child JVM: it may start nothing anyway
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The exact shape the grader allows (a heap size, the class path, the main class, two arguments); the
        // heap is too small for the JVM to start, so each child fails at once and only uses up the budget.
        String file = Path.of(System.getProperty("java.io.tmpdir"), "process-limit").toString();
        Probe.refused("the 65th process of this JVM", () -> {
            for (int i = 1; i <= 100; i++) {
                new ProcessBuilder(java, "-Xmx1k", "-cp", System.getProperty("java.class.path"),
                        "concurrency.shared.SharedCounter", file, "0").start().waitFor();
                if (i == 64) {
                    System.out.println("64 processes started");
                }
            }
            return "100 processes started";
        });
    }
}
