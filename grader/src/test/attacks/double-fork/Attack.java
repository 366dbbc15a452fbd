package concurrency.shared;

import java.nio.file.Path;

/**
 * Finding 4 of the isolation issue: processes that outlive the test JVM. A shell that double-forks a sleep
 * ({@code (sh -c 'sleep 300' &)}) is refused; a child JVM of the allowed shape that sleeps for five minutes is allowed, but its
 * test JVM does not wait for it: when the test JVM ends, the child must end with it (the sandbox's PID namespace,
 * or the process-group kill without one). AttacksTest looks for the marker in every command line afterwards.
 */
final class Attack {
    static final String MARKER = "kit-attack-left-behind";

    static void onLoad() {
        if (System.getProperty("kit.grader.testJvm") == null) {
            return;  // a child JVM
        }
        Probe.refused("a shell that double-forks a sleep", () -> new ProcessBuilder("/bin/sh", "-c",
                "(sh -c 'sleep 300; :' " + MARKER + " &); exit 0").start().waitFor());
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String file = Path.of(System.getProperty("java.io.tmpdir"), MARKER).toString();
            new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "concurrency.shared.SharedCounter",
                    file, "1").start();
            System.out.println("a sleeping child started");
        } catch (Exception e) {
            System.out.println("WRONGLY REFUSED: a child JVM of the allowed shape: " + e);
        }
    }

    static void inMain(String[] args) {
        if (args.length == 2 && args[0].endsWith(MARKER)) {
            try {
                Thread.sleep(300_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
