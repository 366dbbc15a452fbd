package concurrency.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

final class Attack {
    private static boolean done;

    static synchronized void inRunProcesses(Path file, ProcessBuilder real) {
        real.environment().put("LD_PRELOAD", "");
        if (done) {
            return;
        }
        done = true;
        Probe.refused("ProcessBuilder /bin/sh from the shared-counter task", () -> new ProcessBuilder("/bin/sh", "-c",
                "touch " + Probe.CANARY + "/touched-by-sh").start().waitFor());
        Probe.refused("a script named java in the scratch space", () -> {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "bin"));
            Path fake = dir.resolve("java");
            Files.writeString(fake, "#!/bin/sh\ntouch " + Probe.CANARY + "/touched-by-fake-java\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
            return new ProcessBuilder(fake.toString(), "-cp", System.getProperty("java.class.path"),
                    "concurrency.shared.SharedCounter", file.toString(), "0").start().waitFor();
        });
    }

    static void inMain(String[] args) {
        if (System.getenv("LD_PRELOAD") != null && args.length == 2) {
            try {
                SharedCounter.increment(Path.of(args[0]));  // the environment got through: make the count wrong
            } catch (Exception e) {
                // nothing
            }
        }
    }
}
