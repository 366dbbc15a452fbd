package concurrency.shared;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Finding 2 of the isolation issue: a child JVM of the shared counter attaches to the test JVM that started it (its
 * parent) with the Attach API, to load an agent that would rewrite the grader's result channel. Had an attach worked,
 * the child adds increments of its own, so the count is wrong and the task loses points; refused, it does its work.
 */
final class Attack {
    static void inMain(String[] args) throws IOException {
        if (args.length != 2) {
            return;
        }
        String parent = ProcessHandle.current().parent().map(p -> Long.toString(p.pid())).orElse("1");
        if (attach(parent) || attach(Long.toString(ProcessHandle.current().pid()))) {
            for (int i = 0; i < 1000; i++) {
                SharedCounter.increment(Path.of(args[0]));
            }
        }
    }

    /** Whether {@code VirtualMachine.attach(pid)} returned a machine (reached by reflection: jdk.attach). */
    private static boolean attach(String pid) {
        try {
            Class<?> type = Class.forName("com.sun.tools.attach.VirtualMachine");
            Object machine = type.getMethod("attach", String.class).invoke(null, pid);
            System.err.println("ATTACK SUCCEEDED: attached to " + pid);
            return machine != null;
        } catch (Throwable refused) {
            System.err.println("attach to " + pid + " failed: " + refused);
            return false;
        }
    }
}
