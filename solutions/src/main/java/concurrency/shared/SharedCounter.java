package concurrency.shared;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A counter shared by several processes: one big-endian {@code long} at offset 0 of a file, updated
 * under an exclusive {@link FileLock} — Python's {@code multiprocessing.Value} with {@code get_lock()}.
 */
public final class SharedCounter {

    private static final int SIZE = Long.BYTES;

    private SharedCounter() {
    }

    /** Adds one to the counter in {@code file}, creating the file if needed, under an exclusive lock. */
    public static void increment(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file,
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
             FileLock lock = channel.lock()) {
            // Read, add and write all while holding the lock: another process sees the old value or
            // the new one, never an update in between.
            long value = readValue(channel, file);
            ByteBuffer buffer = ByteBuffer.allocate(SIZE).putLong(value + 1).flip();
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }
    }

    /** Returns the counter in {@code file}; a missing or empty file reads as 0. */
    public static long read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             FileLock lock = channel.lock(0, Long.MAX_VALUE, true)) {
            return readValue(channel, file);
        } catch (NoSuchFileException missing) {
            return 0;
        }
    }

    private static long readValue(FileChannel channel, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // keep reading until 8 bytes or the end of the file
        }
        if (buffer.position() == 0) {
            return 0;
        }
        if (buffer.hasRemaining()) {
            throw new IOException(file + " holds " + buffer.position() + " bytes, but a counter needs " + SIZE);
        }
        return buffer.flip().getLong();
    }

    /** The worker process: {@code <file> <times>} increments the counter {@code times} times. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[1].matches("\\d{1,9}")) {
            System.err.println("usage: SharedCounter <file> <times>  (times: a whole number, 0 or more)");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        for (int i = Integer.parseInt(args[1]); i > 0; i--) {
            increment(file);
        }
    }

    /**
     * Starts {@code processes} child JVMs that each increment the counter {@code perProcess} times,
     * waits for all of them and returns the counter.
     */
    public static long runProcesses(Path file, int processes, int perProcess) throws IOException, InterruptedException {
        Objects.requireNonNull(file, "file");
        if (processes < 1) {
            throw new IllegalArgumentException("processes must be at least 1, but was " + processes);
        }
        if (perProcess < 0) {
            throw new IllegalArgumentException("perProcess must not be negative, but was " + perProcess);
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                SharedCounter.class.getName(), file.toString(), Integer.toString(perProcess))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        List<Process> children = new ArrayList<>(processes);
        boolean finished = false;
        try {
            // Start every child before waiting for any, so that they run at the same time.
            for (int i = 0; i < processes; i++) {
                children.add(builder.start());
            }
            IOException failure = null;
            for (Process child : children) {
                int status = child.waitFor();
                if (status != 0 && failure == null) {
                    failure = new IOException("a child process (pid " + child.pid() + ") exited with status "
                            + status + " while incrementing " + file);
                }
            }
            finished = true;
            if (failure != null) {
                throw failure;
            }
        } finally {
            if (!finished) {
                children.forEach(Process::destroyForcibly);
            }
        }
        return read(file);
    }
}
