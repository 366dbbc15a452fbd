package concurrency.shared;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A counter shared by several processes (not threads): one {@code long} stored in a file, updated under
 * an exclusive file lock.
 *
 * <p>The lesson's shared-memory example in Java:
 * <pre>{@code
 * def increment_shared(v):
 *     for _ in range(100):
 *         with v.get_lock():
 *             v.value += 1
 * counter = Value("i", 0)
 * processes = [Process(target=increment_shared, args=(counter,)) for _ in range(4)]
 * }</pre>
 * Processes share no memory, so the counter lives in a file that every process opens, and
 * {@code v.get_lock()} becomes a {@link java.nio.channels.FileLock}: a lock the operating system holds
 * for a whole process, so it excludes other processes (a {@code ReentrantLock} or {@code synchronized}
 * only excludes threads of the same JVM).
 *
 * <p>The file format: the counter is 8 bytes at offset 0, big-endian (the byte order of
 * {@link java.nio.ByteBuffer} and {@link java.io.DataOutputStream}). A missing or empty file holds 0.
 *
 * <p>Lesson example: {@code runProcesses(file, 4, 100)} on a new file returns {@code 400}, every time.
 */
public final class SharedCounter {

    private SharedCounter() {
    }

    /**
     * Adds one to the counter in {@code file}, safely even when other processes increment it at the
     * same time — Python's {@code with v.get_lock(): v.value += 1}.
     *
     * <p>What to build: open a {@link java.nio.channels.FileChannel} for reading and writing (create the
     * file if it is missing), take an exclusive lock with {@code channel.lock()}, and while holding it
     * read the 8 bytes (none yet = 0), add one and write the 8 bytes back at offset 0. Release the lock
     * and close the channel in every case (try-with-resources: both are {@code AutoCloseable}).
     *
     * <p>Pitfall: the whole read-add-write must happen under the lock. Reading before locking, or not
     * locking at all, lets two processes read the same value and both write value + 1: one increment is
     * lost.
     *
     * @param file the counter's file
     * @throws IOException if the file cannot be opened, locked, read or written
     * @throws NullPointerException if {@code file} is null
     */
    public static void increment(Path file) throws IOException {
        throw new UnsupportedOperationException(
                "TODO: FileChannel.open(file, READ, WRITE, CREATE), channel.lock(), read 8 bytes with a ByteBuffer, write value + 1 at position 0");
    }

    /**
     * Returns the counter stored in {@code file} — Python's {@code counter.value}.
     *
     * <p>A file that does not exist, or is empty, reads as 0. Otherwise the counter is the first 8
     * bytes, big-endian ({@code ByteBuffer.getLong()} or {@code DataInputStream.readLong()}).
     *
     * @param file the counter's file
     * @return the counter
     * @throws IOException if the file exists but cannot be read
     * @throws NullPointerException if {@code file} is null
     */
    public static long read(Path file) throws IOException {
        throw new UnsupportedOperationException(
                "TODO: return 0 for a missing or empty file, otherwise the first 8 bytes as a big-endian long (ByteBuffer.getLong)");
    }

    /**
     * The worker process that {@link #runProcesses} starts: {@code java concurrency.shared.SharedCounter
     * <file> <times>} calls {@link #increment} {@code times} times — Python's {@code increment_shared}.
     *
     * <p>Wrong arguments — not exactly two, or {@code times} not a non-negative whole number — print a
     * one-line usage message to standard error (e.g. {@code usage: SharedCounter <file> <times>}) and end
     * the process with {@code System.exit(2)}. An {@link IOException} may simply propagate: the JVM then
     * exits with a non-zero status, which {@link #runProcesses} reports.
     *
     * @param args {@code <file> <times>}
     * @throws IOException if incrementing fails
     */
    public static void main(String[] args) throws IOException {
        throw new UnsupportedOperationException(
                "TODO: check args (else System.err.println(usage) and System.exit(2)), then increment(Path.of(args[0])) times times");
    }

    /**
     * Starts {@code processes} child JVMs that each increment the counter in {@code file}
     * {@code perProcess} times, waits for all of them and returns the counter — Python's
     * {@code p.start()} for every process, then {@code p.join()} for every process.
     *
     * <p>What to build:
     * <ul>
     *   <li>Each child is a real process started with {@link ProcessBuilder}: the running JVM's
     *       {@code java} executable ({@code Path.of(System.getProperty("java.home"), "bin", "java")}),
     *       {@code -cp} and the running class path ({@code System.getProperty("java.class.path")}), the
     *       main class {@code concurrency.shared.SharedCounter}, and the arguments {@code file} and
     *       {@code perProcess}.</li>
     *   <li>Start every child before waiting for any, so that they run at the same time; then
     *       {@link Process#waitFor()} each one.</li>
     *   <li>If a child exits with a status other than 0, throw an {@link IOException} whose message names
     *       that exit status — but only after every child has ended.</li>
     *   <li>Finally return {@code read(file)}.</li>
     * </ul>
     *
     * <p>Check the arguments before any process starts: {@code processes < 1} or {@code perProcess < 0}
     * → {@link IllegalArgumentException} naming the parameter and its value; {@code null} {@code file} →
     * {@link NullPointerException}.
     *
     * <p>Pitfalls: calling {@code waitFor()} right after each {@code start()} runs the children one at a
     * time; ignoring the exit status hides a child that crashed; a child whose output pipe is never read
     * can block — send its output to {@code Redirect.DISCARD} or {@code Redirect.INHERIT}.
     *
     * @param file the counter's file
     * @param processes how many child processes to start
     * @param perProcess how many times each child increments
     * @return the counter after every child has finished
     * @throws IOException if a child could not be started or exited with a non-zero status
     * @throws InterruptedException if interrupted while waiting for the children (destroy the children
     *         that are still running before you let it propagate)
     */
    public static long runProcesses(Path file, int processes, int perProcess) throws IOException, InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: build a ProcessBuilder(java, \"-cp\", classpath, \"concurrency.shared.SharedCounter\", file, perProcess), start() all, then waitFor() all and check exitValue()");
    }
}
