package concurrency.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finding 1 of the isolation issue: child JVM options that escape the guard. A -Djava.class.path after -cp loads
 * class files the guard never rewrote; a logging configuration naming a FileHandler and the JDK's class-dump
 * properties write files anywhere; -XX:+UsePerfData and -XX:-DisableAttachMechanism make the child attachable.
 * Each must be refused; the real children then run and the count is right.
 */
final class Attack {
    private static boolean done;

    static synchronized void inRunProcesses(Path file, ProcessBuilder real) {
        if (real == null || done) {
            return;
        }
        done = true;
        List<String> honest = real.command();
        try {
            Path logging = Files.createTempFile("logging", ".properties");
            Files.writeString(logging, "handlers=java.util.logging.FileHandler\n"
                    + "java.util.logging.FileHandler.pattern=" + Probe.CANARY + "/written-by-file-handler\n");
            try0("-Djava.class.path after -cp", honest, "-Djava.class.path=" + System.getProperty("java.io.tmpdir"));
            try0("a logging configuration naming a FileHandler", honest,
                    "-Djava.util.logging.config.file=" + logging);
            try0("the JDK's class-dump property", honest, "-Djdk.internal.lambda.dumpProxyClasses=" + Probe.CANARY);
            try0("-XX:+UsePerfData for a child", honest, "-XX:+UsePerfData");
            try0("-XX:-DisableAttachMechanism for a child", honest, "-XX:-DisableAttachMechanism");
        } catch (Exception e) {
            // nothing: the real work follows
        }
    }

    private static void try0(String name, List<String> honest, String option) {
        List<String> command = new ArrayList<>(honest);
        command.add(command.size() - 3, option);  // after -cp, right before the main class
        Probe.refused(name, () -> new ProcessBuilder(command).start().waitFor());
    }
}
