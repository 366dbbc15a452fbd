package kit.grader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the grader decides that there is no sandbox, and what it says then: a missing bwrap, one that fails its trial
 * sandbox (and Ubuntu's restriction on user namespaces named as such), {@code off}, and {@code require} refusing.
 * Runs with or without bubblewrap installed: each case hands the probe a bwrap of its own.
 */
@EnabledOnOs(OS.LINUX)
class SandboxDetectionTest {

    @Test
    @DisplayName("no bwrap: no sandbox, and the warning says to install bubblewrap")
    void missing() {
        Sandbox sandbox = Sandbox.probe(IsolationMode.AUTO, null);
        assertThat(sandbox.isolated()).as("a sandbox without bwrap").isFalse();
        assertThat(sandbox.name()).isEqualTo("none");
        assertThat(sandbox.warning()).as("the warning line").contains("bwrap not found")
                .contains("apt-get install bubblewrap");
    }

    @Test
    @DisplayName("a bwrap that fails the trial sandbox: no sandbox; a refused user namespace names the AppArmor fix")
    void refused(@TempDir Path dir) throws Exception {
        Path failing = script(dir.resolve("bwrap-false"), "exit 1");
        Sandbox plain = Sandbox.probe(IsolationMode.AUTO, failing.toString());
        assertThat(plain.isolated()).as("a sandbox whose trial failed").isFalse();
        assertThat(plain.warning()).as("the warning line").contains("failed a trial sandbox (exit 1)");

        Path userns = script(dir.resolve("bwrap-userns"),
                "echo 'bwrap: setting up uid map: Permission denied' >&2; exit 1");
        Sandbox ubuntu = Sandbox.probe(IsolationMode.AUTO, userns.toString());
        assertThat(ubuntu.isolated()).isFalse();
        assertThat(ubuntu.warning()).as("the warning for a refused user namespace (Ubuntu 23.10+)")
                .contains("uid map").contains("kernel.apparmor_restrict_unprivileged_userns=0");
    }

    @Test
    @DisplayName("off never sandboxes, even with a bwrap; require refuses without a sandbox and says how to get one")
    void offAndRequire() {
        Sandbox off = Sandbox.probe(IsolationMode.OFF, "/usr/bin/bwrap");
        assertThat(off.isolated()).as("--isolation=off").isFalse();
        assertThat(off.warning()).contains("--isolation=off");
        Sandbox none = Sandbox.probe(IsolationMode.REQUIRE, null);
        assertThatThrownBy(() -> Sandbox.checked(IsolationMode.REQUIRE, none))
                .as("--isolation=require without bwrap").isInstanceOf(IsolationUnavailableException.class)
                .hasMessageStartingWith("--isolation=require refuses to grade without a sandbox: bwrap not found")
                .hasMessageContaining("apt-get install bubblewrap")
                .hasMessageNotContaining("graded with");
        assertThat(Sandbox.checked(IsolationMode.AUTO, none)).as("auto grades without one").isSameAs(none);
    }

    private static Path script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
