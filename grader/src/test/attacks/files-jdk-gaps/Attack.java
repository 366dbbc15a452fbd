package concurrency.counter;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Set;
import java.util.logging.LogManager;
import java.util.logging.Logger;

final class Attack {
    static void onLoad() {
        Path canary = Probe.CANARY.resolve("file.txt");
        Probe.refused("SecureDirectoryStream.newByteChannel of an absolute path", () -> {
            DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(""));
            return ((SecureDirectoryStream<Path>) dir).newByteChannel(Probe.CANARY.resolve("written-through-sds"),
                    Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE)).write(ByteBuffer.wrap(new byte[] {1}));
        });
        Probe.refused("SecureDirectoryStream.deleteFile of the canary", () -> {
            DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(""));
            ((SecureDirectoryStream<Path>) dir).deleteFile(Probe.CANARY.resolve("delete-me.txt"));
            return "deleted";
        });
        Probe.refused("SecureDirectoryStream.newDirectoryStream of ..", () -> {
            DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(""));
            SecureDirectoryStream<Path> up = ((SecureDirectoryStream<Path>) dir).newDirectoryStream(Path.of("../../.."));
            return up.iterator().next();
        });
        Probe.refused("BasicFileAttributeView.setTimes on the canary", () -> {
            Files.getFileAttributeView(canary, BasicFileAttributeView.class)
                    .setTimes(FileTime.fromMillis(0), null, null);
            return "changed";
        });
        Probe.refused("PosixFileAttributeView.setPermissions on the canary", () -> {
            Files.getFileAttributeView(canary, PosixFileAttributeView.class)
                    .setPermissions(PosixFilePermissions.fromString("rwxrwxrwx"));
            return "changed";
        });
        Probe.refused("UserDefinedFileAttributeView.write on the canary", () ->
                Files.getFileAttributeView(canary, UserDefinedFileAttributeView.class)
                        .write("user.attack", ByteBuffer.wrap(new byte[] {1})));
        Probe.refused("LogManager.readConfiguration with a FileHandler in the canary directory", () -> {
            String config = "handlers=java.util.logging.FileHandler\n"
                    + "java.util.logging.FileHandler.pattern=" + Probe.CANARY + "/written-by-logging-%u.log\n";
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
            Logger.getLogger("attack").severe("written outside the scratch space");
            return Files.exists(Probe.CANARY.resolve("written-by-logging-0.log")) ? "log file written" : "no file";
        });
    }

    static void inRunThreads(int perThread) {
    }
}
