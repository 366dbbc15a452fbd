package concurrency.shared;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which processes are blocked waiting for a POSIX lock on a file, from Linux's {@code /proc/locks}
 * (a waiter is listed as {@code N: -> POSIX ADVISORY WRITE <pid> <maj>:<min>:<inode> 0 EOF}); Java's
 * {@code FileChannel.lock()} takes exactly such a lock. Elsewhere it knows nothing and says so.
 */
final class HeldLock {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");
    private static final Pattern WAITER = Pattern.compile(
            "^\\d+:\\s+->\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\d+)\\s+[0-9a-fA-F]+:[0-9a-fA-F]+:(\\d+)\\s");

    private final long inode;

    private HeldLock(long inode) {
        this.inode = inode;
    }

    /** A reader for {@code file}, or one that never sees waiters when the platform cannot tell. */
    static HeldLock on(Path file) {
        if (!Files.isReadable(PROC_LOCKS)) {
            return new HeldLock(-1);
        }
        try {
            Object ino = Files.getAttribute(file, "unix:ino");
            return new HeldLock(((Number) ino).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new HeldLock(-1);
        }
    }

    /** Whether waiting processes can be seen at all here. */
    boolean canSeeWaiters() {
        return inode >= 0;
    }

    /** The pids blocked in a lock call on the file right now. */
    Set<Long> waiters() {
        Set<Long> pids = new HashSet<>();
        if (inode < 0) {
            return pids;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(PROC_LOCKS);
        } catch (IOException e) {
            return pids;
        }
        for (String line : lines) {
            Matcher matcher = WAITER.matcher(line);
            if (matcher.find() && Long.parseLong(matcher.group(2)) == inode) {
                pids.add(Long.parseLong(matcher.group(1)));
            }
        }
        return pids;
    }

    /** Whether process {@code pid} has {@code file} open right now (Linux: a link in /proc/<pid>/fd). */
    static boolean hasOpen(long pid, Path file) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (java.util.stream.Stream<Path> links = Files.list(fds)) {
            Path target = file.toRealPath();
            return links.anyMatch(link -> {
                try {
                    return Files.readSymbolicLink(link).equals(target);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The file's size and first 16 bytes, read through the test's own channel, to notice any change. */
    static String fingerprint(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // until 16 bytes or the end
        }
        return channel.size() + " bytes " + java.util.Arrays.toString(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
    }

    /** Reads the counter through the test's own channel (the test holds the lock, so nothing else writes). */
    static long value(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // until 8 bytes or the end
        }
        return buffer.position() < Long.BYTES ? 0 : buffer.flip().getLong();
    }

    /** Writes the counter through the test's own channel. */
    static void write(FileChannel channel, long value) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES).putLong(value).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
    }
}
