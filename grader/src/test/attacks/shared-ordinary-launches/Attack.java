package concurrency.shared;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Not an attack: each call of runProcesses launches its children in another ordinary way the contract allows. */
final class Attack {
    private static int calls;

    static synchronized void inRunProcesses(Path file, ProcessBuilder real) {
        if (real == null) {
            return;
        }
        List<String> command = new ArrayList<>(real.command());  // java -cp <cp> SharedCounter <file> <n>
        String classPath = command.get(2);
        switch (calls++ % 5) {
            case 0 -> command.set(1, "-classpath");
            case 1 -> {
                command.remove(1);
                command.remove(1);
                real.environment().put("CLASSPATH", classPath);
            }
            case 2 -> command.set(0, ProcessHandle.current().info().command().orElseThrow());
            case 3 -> command.set(1, "--class-path");
            default -> {
                command.add(1, "-Xmx64m");
                real.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            }
        }
        real.command(command);
    }
}
