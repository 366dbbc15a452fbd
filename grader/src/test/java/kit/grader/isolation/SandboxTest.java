package kit.grader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operating-system boundary itself, probed with unguarded code ({@link Escapee}): what a submission could do
 * if it got past the bytecode guard. Under {@code CI=true} a missing bubblewrap fails these tests; elsewhere they
 * are skipped with the reason.
 */
class SandboxTest {

    private static Sandbox sandbox;

    @BeforeAll
    static void sandbox() {
        sandbox = Sandbox.detect(IsolationMode.AUTO);
        if (!sandbox.isolated()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but no sandbox: " + sandbox.warning() + " (.ci/run installs bubblewrap as root)");
            }
            Assumptions.assumeTrue(false, "isolation tests skipped: " + sandbox.warning());
        }
    }

    @Test
    @DisplayName("off and require: off never sandboxes; require gives the working sandbox")
    void modes() {
        assertThat(Sandbox.detect(IsolationMode.OFF).isolated()).isFalse();
        assertThat(Sandbox.detect(IsolationMode.OFF).wrap(List.of("java"), Path.of("/tmp"), List.of(), Map.of()))
                .containsExactly("java");
        assertThat(Sandbox.detect(IsolationMode.REQUIRE).name()).isEqualTo("bubblewrap");
        assertThat(sandbox.warning()).isEmpty();
    }

    @Test
    @DisplayName("unguarded code in the sandbox cannot write or read outside, see or attach to the grader, reach its"
            + " loopback, or leave a double-forked process behind")
    void escapeFails(@TempDir Path dir) throws Exception {
        Path writable = Files.createDirectories(dir.resolve("work"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
        Path target = outside.resolve("escaped.txt");
        Path classes = Path.of(Escapee.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String marker = "kit-sandbox-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        AtomicBoolean reached = new AtomicBoolean();
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try {
                    listener.setSoTimeout(30_000);
                    Socket s = listener.accept();
                    reached.set(true);
                    s.close();
                } catch (SocketTimeoutException e) {
                    // nobody came: as it should be
                } catch (IOException e) {
                    // closed
                }
            });
            accept.setDaemon(true);
            accept.start();
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+DisableAttachMechanism", "-XX:-UsePerfData", "-cp", classes.toString(),
                    Escapee.class.getName(), target.toString(), secret.toString(),
                    Long.toString(ProcessHandle.current().pid()), Integer.toString(listener.getLocalPort()), marker);
            Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "HOME", writable.toString());
            Process process = new ProcessBuilder(sandbox.wrap(command, writable, List.of(classes), environment))
                    .directory(writable.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("sandboxed Escapee ended").isTrue();

            for (String refused : List.of("write-outside", "read-outside", "see-grader", "read-grader-environ",
                    "connect-loopback", "attach-grader")) {
                assertThat(output).as("Escapee's report on %s (all of it: %s)", refused, output)
                        .contains(refused + ": failed");
            }
            assertThat(output).as("the home directory of the grader's user").doesNotContain("read-home: done "
                    + System.getProperty("user.home"));
            assertThat(output).contains("double-fork: done");
            assertThat(Files.exists(target)).as("a file written outside the sandbox: %s", target).isFalse();
            assertThat(reached).as("a connection reached the grader's loopback port").isFalse();
            long seen = Long.parseLong(output.lines().filter(l -> l.startsWith("processes-seen: ")).findFirst()
                    .orElseThrow().substring("processes-seen: ".length()).strip());
            assertThat(seen).as("processes visible inside the sandbox (its own PID namespace)").isLessThanOrEqualTo(3);
        }
        Thread.sleep(500);
        List<String> left = ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(marker)).toList();
        assertThat(left).as("processes of the sandbox left after it ended (a double-forked sleep)").isEmpty();
    }
}
