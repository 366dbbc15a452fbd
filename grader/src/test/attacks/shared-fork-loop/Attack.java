package concurrency.shared;

import java.nio.file.Path;

final class Attack {
    static void inMain(String[] args) {
        if (args.length != 2) {
            return;
        }
        for (int i = 0; i < 10; i++) {
            try {
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), "concurrency.shared.SharedCounter", args[0], "1")
                        .inheritIO().start();
            } catch (SecurityException | java.io.IOException e) {
                // refused: go on with the real work
            }
        }
    }
}
