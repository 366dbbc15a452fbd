package kit.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's rules for the holes that {@code kit.grader.AttacksTest}'s fixtures found, checked directly (the
 * fixtures check them end to end): each test names the attack it stops.
 */
class SandboxHolesTest {

    private static final String CALLER = SandboxHolesTest.class.getName();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    @DisplayName("System.getProperties is denied: its live table would let a submission remove the test-JVM marker")
    void getPropertiesIsDenied() {
        assertThat(ApiRules.find("java/lang/System", "getProperties", "()Ljava/util/Properties;").check())
                .isEqualTo(Check.DENY);
        assertThat(ApiRules.isChecked("java/lang/System", "getProperties")).as("reflective use is denied too").isTrue();
        assertThat(ApiRules.find("java/lang/System", "getProperty", "(Ljava/lang/String;)Ljava/lang/String;"))
                .as("reading one property stays allowed").isNull();
    }

    @Test
    @DisplayName("SecureDirectoryStream is denied, file attribute views are write-checked, logging configurations denied")
    void jdkApisThatActOnTheCallersBehalf() {
        assertThat(ApiRules.find("java/nio/file/SecureDirectoryStream", "newByteChannel",
                "(Ljava/lang/Object;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)"
                        + "Ljava/nio/channels/SeekableByteChannel;").check()).isEqualTo(Check.DENY);
        assertThat(ApiRules.find("java/nio/file/SecureDirectoryStream", "deleteFile", "(Ljava/lang/Object;)V").check())
                .isEqualTo(Check.DENY);
        assertThat(ApiRules.find("java/nio/file/Files", "getFileAttributeView",
                "(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)"
                        + "Ljava/nio/file/attribute/FileAttributeView;").check()).isEqualTo(Check.WRITE);
        assertThat(ApiRules.find("java/util/logging/LogManager", "readConfiguration", "(Ljava/io/InputStream;)V")
                .check()).isEqualTo(Check.DENY);
        assertThat(ApiRules.find("java/util/logging/LogManager", "updateConfiguration",
                "(Ljava/util/function/Function;)V").check()).isEqualTo(Check.DENY);
        assertThat(ApiRules.find("java/nio/file/DirectoryStream", "iterator", "()Ljava/util/Iterator;"))
                .as("iterating a directory stays allowed").isNull();
    }

    @Test
    @DisplayName("no writes into the submission's compiled classes (they would run unguarded); the rest of scratch is writable")
    void classesDirectoryIsReadOnly() {
        Path scratch = FilePolicy.scratch(CALLER);
        assertThatThrownBy(() -> FilePolicy.check(CALLER, scratch.resolve("classes/concurrency/counter/Escape.class"),
                true, "java.nio.file.Files.write")).isInstanceOf(SecurityException.class)
                .hasMessageStartingWith("the grader does not let a submission change its compiled classes");
        FilePolicy.check(CALLER, scratch.resolve("classes/concurrency/counter/LockedCounter.class"), false,
                "java.nio.file.Files.readAllBytes");
        FilePolicy.check(CALLER, scratch.resolve("work/tmp/file"), true, "java.nio.file.Files.write");
    }

    @Test
    @DisplayName("only the running JVM's java starts, not a script named java; -Xshare:dump and -Djava.home are refused")
    void onlyTheRunningJava() throws Exception {
        Path fake = dir.resolve("java");
        Files.writeString(fake, "#!/bin/sh\necho fake\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        assertThat(ProcessPolicy.isRunningJava(CALLER, JAVA)).isTrue();
        assertThat(ProcessPolicy.isRunningJava(CALLER, fake.toString())).isFalse();
        assertThat(ProcessPolicy.isRunningJava(CALLER, "/bin/sh")).isFalse();

        String cp = System.getProperty("java.class.path");
        String main = "concurrency.shared.SharedCounter";
        ProcessPolicy.checkCommand(CALLER, List.of(JAVA, "-Xshare:auto", "-Dfile.encoding=UTF-8", "-cp", cp, main));
        for (String option : List.of("-Xshare:dump", "-Djava.home=/", "-Dkit.grader.testJvm=true")) {
            assertThatThrownBy(() -> ProcessPolicy.checkCommand(CALLER, List.of(JAVA, option, "-cp", cp, main)))
                    .as(option).isInstanceOf(SecurityException.class).hasMessageContaining(option);
        }
        assertThatThrownBy(() -> ProcessPolicy.checkCommand(CALLER, List.of(fake.toString(), "-cp", cp, main)))
                .isInstanceOf(SecurityException.class).hasMessageContaining("other than the running JVM's java");
    }

    @Test
    @DisplayName("a child JVM gets the test JVM's own environment, not what the submission put in the builder (LD_PRELOAD)")
    void childEnvironmentIsReset() {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                "concurrency.shared.SharedCounter", "file", "1");
        builder.environment().put("LD_PRELOAD", dir.resolve("evil.so").toString());
        builder.environment().put("LD_LIBRARY_PATH", dir.toString());
        System.setProperty(Guard.TEST_JVM_PROPERTY, "true");
        try {
            ProcessPolicy.check("concurrency.shared.SharedCounter", builder);
        } finally {
            System.clearProperty(Guard.TEST_JVM_PROPERTY);
        }
        assertThat(builder.environment()).doesNotContainKeys("LD_PRELOAD")
                .containsEntry(ProcessPolicy.DEPTH_VARIABLE, "1");
        assertThat(builder.environment().get("LD_LIBRARY_PATH")).isEqualTo(System.getenv("LD_LIBRARY_PATH"));
    }
}
