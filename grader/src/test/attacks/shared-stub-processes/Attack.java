package concurrency.shared;

import java.nio.file.Path;

final class Attack {
    static void inRunProcesses(Path file, ProcessBuilder unused) {
        Probe.refused("ProcessBuilder /bin/sh writing the counter file", () -> new ProcessBuilder("/bin/sh", "-c",
                "printf '\\000\\000\\000\\000\\000\\000\\001\\220' > '" + file + "'").start().waitFor());
    }

    static void inMain(String[] args) {
    }
}
