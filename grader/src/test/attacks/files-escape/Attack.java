package concurrency.counter;

import java.io.File;
import java.io.FileInputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Scanner;

final class Attack {
    private static final String FAKE = "{\"submission\":\"attacker\",\"score\":100,\"maxScore\":100,\"tasks\":[]}";

    static void onLoad() {
        Path kit = Probe.kitRoot();
        Path canary = Probe.CANARY.resolve("file.txt");
        Path hiddenClass = kit.resolve("grader/target/classes/concurrency/counter/LockedCounterHiddenTest.class");
        Path jar = kit.resolve("grader/target/grader.jar");

        Probe.allowed("write results.json in the working directory", () -> Files.writeString(Path.of("results.json"), FAKE));
        Probe.allowed("write a file in user.home (inside the scratch space)",
                () -> Files.writeString(Path.of(System.getProperty("user.home"), ".attack"), "x"));
        Probe.allowed("write a file in java.io.tmpdir",
                () -> Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "attack.txt"), "x"));
        Probe.allowed("createTempFile without a directory", () -> File.createTempFile("attack", ".tmp"));

        Probe.refused("write ../../../results.json (above the scratch space)",
                () -> Files.writeString(Path.of("../../../results.json"), FAKE));
        Probe.refused("write ../../../../results.json", () -> Files.writeString(Path.of("../../../../results.json"), FAKE));
        Probe.refused("write results.json in the kit's checkout", () -> Files.writeString(kit.resolve("results.json"), FAKE));
        Probe.refused("write grader/results.json", () -> Files.writeString(kit.resolve("grader/results.json"), FAKE));
        Probe.refused("write grader/target/attacks-report.json",
                () -> Files.writeString(kit.resolve("grader/target/attacks-report.json"), FAKE));
        Probe.refused("write /autograder/results/results.json",
                () -> Files.writeString(Path.of("/autograder/results/results.json"), FAKE));
        Probe.refused("delete the grader jar", () -> { Files.delete(jar); return null; });
        Probe.refused("delete the hidden tests' class files", () -> new File(hiddenClass.toString()).delete());
        Probe.refused("set the modification time of a library jar of the class path (to its own)", () -> {
            Path library = Probe.classPathJars().get(0);
            return Files.setLastModifiedTime(library, Files.getLastModifiedTime(library));
        });
        Probe.refused("touch the kit's pom.xml", () -> kit.resolve("pom.xml").toFile().setLastModified(0));
        Probe.refused("append to the canary file",
                () -> Files.writeString(canary, "changed", StandardOpenOption.APPEND));
        Probe.refused("delete the canary file", () -> Files.deleteIfExists(canary));
        Probe.refused("rename the canary file", () -> canary.toFile().renameTo(Probe.CANARY.resolve("moved").toFile()));
        Probe.refused("create a file in the canary directory",
                () -> Files.createFile(Probe.CANARY.resolve("created-by-attack")));
        Probe.refused("overwrite the canary home's .profile",
                () -> Files.writeString(Probe.CANARY.resolve("home/.profile"), "rm -rf ~\n"));
        Probe.refused("createTempFile in the canary directory", () -> Files.createTempFile(Probe.CANARY, "a", ".tmp"));
        Probe.refused("RandomAccessFile rw on the canary file", () -> new RandomAccessFile(canary.toFile(), "rw"));
        Probe.refused("FileChannel.open WRITE on the canary file",
                () -> FileChannel.open(canary, StandardOpenOption.WRITE));
        Probe.refused("PrintWriter on the canary file", () -> new PrintWriter(canary.toString()));
        Probe.refused("read /etc/passwd", () -> Files.readString(Path.of("/etc/passwd")).length());
        Probe.refused("read the grader jar", () -> Files.readAllBytes(jar).length);
        Probe.refused("FileInputStream of the hidden test's class file",
                () -> new FileInputStream(hiddenClass.toFile()).readAllBytes().length);
        Probe.refused("RandomAccessFile r of the grader jar", () -> new RandomAccessFile(jar.toString(), "r").length());
        Probe.refused("FileChannel.open READ of the grader jar", () -> FileChannel.open(jar).size());
        Probe.refused("list the root's home directory", () -> new File("/root").list());
        Probe.refused("list the kit's checkout", () -> Files.list(kit).count());
        Probe.refused("Scanner of /proc/self/cmdline", () -> new Scanner(new File("/proc/self/cmdline")).nextLine());
        Probe.refused("Files.lines of the canary file", () -> Files.lines(canary).count());
        Probe.refused("copy the grader jar into the scratch space",
                () -> Files.copy(jar, Path.of("grader-copy.jar")));
        Probe.refused("File.setLastModified on the canary file", () -> canary.toFile().setLastModified(0));
        Probe.refused("File.setWritable on the canary file", () -> canary.toFile().setWritable(false));
        Probe.refused("overwrite the JSON report AttacksTest keeps (grader/target/attacks-reports/run-1-counter.json)",
                () -> Files.writeString(kit.resolve("grader/target/attacks-reports/run-1-counter.json"), FAKE));
        // A package outside the allow-list: management beans can dump the heap to any file.
        Probe.refused("ManagementFactory (java.lang.management is not allowed)",
                () -> java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
        // Class mode: the other submissions' scratch directories are siblings of this one.
        Probe.refused("list the other submissions' scratch directories",
                () -> Files.list(Path.of("").toAbsolutePath().getParent().getParent().getParent()).count());
    }

    static void inRunThreads(int perThread) {
    }
}
