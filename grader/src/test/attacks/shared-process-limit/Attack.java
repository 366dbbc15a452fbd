package concurrency.shared;

import java.nio.file.Path;

final class Attack {
    static void onLoad() {
        if (System.getProperty("kit.grader.testJvm") == null) {
            return;  // a child JVM: it may start nothing anyway
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Probe.refused("the 65th process of this JVM", () -> {
            for (int i = 1; i <= 100; i++) {
                new ProcessBuilder(java, "-Xmx1k", "-cp", System.getProperty("java.class.path"),
                        "concurrency.shared.SharedCounter").start().waitFor();
                if (i == 64) {
                    System.out.println("64 processes started");
                }
            }
            return "100 processes started";
        });
    }
}
