package concurrency.counter;

import java.io.File;
import java.io.FileOutputStream;
import java.nio.file.Path;

final class Attack {
    /** Tells the guard (which asks toPath()) one file, and FileOutputStream (which asks getPath()) another. */
    static final class SneakyFile extends File {
        SneakyFile(String path) {
            super(path);
        }

        @Override
        public Path toPath() {
            return Path.of("harmless.txt");
        }
    }

    static void onLoad() {
        Probe.refused("write the canary through a File subclass whose toPath() lies", () -> {
            try (FileOutputStream out = new FileOutputStream(new SneakyFile(Probe.CANARY + "/written-by-file-subclass"))) {
                out.write('x');
            }
            return "written";
        });
        Probe.refused("delete the canary through a File subclass whose toPath() lies",
                () -> new SneakyFile(Probe.CANARY + "/delete-me.txt").delete());
    }

    static void inRunThreads(int perThread) {
    }
}
