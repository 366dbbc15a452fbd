package kit.grader.isolation;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Unguarded code run inside the sandbox by {@link SandboxTest}: what a submission could do if it slipped past
 * the bytecode guard (finding 1 of the isolation issue). Prints one line per attempt: {@code <name>: done} or
 * {@code <name>: failed <why>}.
 *
 * <p>Arguments: a file outside the sandbox to create, a file outside it to read, the grader's pid, a loopback port
 * the grader listens on, a marker for a double-forked process.
 */
public final class Escapee {

    private Escapee() {
    }

    public static void main(String[] args) throws Exception {
        attempt("write-outside", () -> Files.writeString(Path.of(args[0]), "escaped"));
        attempt("read-outside", () -> Files.readString(Path.of(args[1])));
        attempt("read-home", () -> Files.list(Path.of(System.getProperty("user.home"))).count());
        attempt("see-grader", () -> ProcessHandle.of(Long.parseLong(args[2])).orElseThrow());
        attempt("read-grader-environ", () -> Files.readAllBytes(Path.of("/proc/" + args[2] + "/environ")));
        attempt("connect-loopback", () -> {
            new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[3])).close();
            return null;
        });
        attempt("attach-grader", () -> {
            com.sun.tools.attach.VirtualMachine.attach(args[2]).detach();
            return null;
        });
        System.out.println("processes-seen: " + ProcessHandle.allProcesses().count());
        attempt("double-fork", () -> new ProcessBuilder(List.of("/bin/sh", "-c", "sleep 300 " + args[4] + " &"))
                .start().waitFor());
        System.out.flush();
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static void attempt(String name, Action action) {
        try {
            action.run();
            System.out.println(name + ": done");
        } catch (Throwable t) {
            System.out.println(name + ": failed " + t);
        }
    }
}
