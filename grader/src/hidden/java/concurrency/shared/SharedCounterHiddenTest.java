package concurrency.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kit.testing.AllowedTime;
import kit.testing.Graded;
import kit.testing.Hints;
import kit.testing.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

@Tag("task:shared-counter")
class SharedCounterHiddenTest {

    private static final Duration LIMIT = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    // ---- increment and read -----------------------------------------------------------------------

    @Test
    @DisplayName("A missing file reads as 0; increments count up, stored as 8 big-endian bytes at offset 0.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "The file format: the counter is 8 bytes at offset 0, big-endian (the byte order of ByteBuffer and DataOutputStream).")
    void incrementAndReadRoundTrip() throws Exception {
        Path file = dir.resolve("counter");
        long missing = readWithin(file);
        assertEquals(0, missing, "read of a file that does not exist should return 0, but returned " + missing
                + ". A missing file holds 0.");
        assertTrue(Files.notExists(file), "read of a missing file should not create it, but it did. Only increment writes.");
        for (int i = 1; i <= 3; i++) {
            incrementWithin(file);
            long value = readWithin(file);
            assertEquals(i, value, i + " increments of a new file should make read return " + i + ", but it returned "
                    + value + ". Read the old value, add one, write it back at offset 0.");
        }
        assertBytes(file, 3, "3 increments of a new file");
        long again = readWithin(file);
        assertEquals(3, again, "read twice in a row should return 3 both times, but the second read returned " + again
                + ". read must not change the file.");
    }

    @Test
    @DisplayName("read and increment use the preset 8 big-endian bytes of an existing file, beyond int range; an empty file holds 0.")
    @Graded(points = 1, kind = Kind.CORRECTNESS,
            requirement = "Otherwise the counter is the first 8 bytes, big-endian (ByteBuffer.getLong() or DataInputStream.readLong()).")
    void presetValues() throws Exception {
        Path file = dir.resolve("counter");
        for (long preset : new long[] {41, 0x0102_0304_0506_0708L, 5_000_000_000L, Long.MAX_VALUE - 1}) {
            Files.write(file, ByteBuffer.allocate(Long.BYTES).putLong(preset).array());
            long read = readWithin(file);
            assertEquals(preset, read, "read of a file holding the big-endian bytes of " + preset + " should return "
                    + preset + ", but returned " + read + ". " + byteOrderHint(preset, read));
            incrementWithin(file);
            assertBytes(file, preset + 1, "increment of a file holding " + preset);
        }
        Files.write(file, new byte[0]);
        long empty = AllowedTime.within(LIMIT, "read(empty file)", "An empty file holds 0: stop reading at the end of the file.",
                () -> SharedCounter.read(file));
        assertEquals(0, empty, "read of an empty file should return 0, but returned " + empty + ". An empty file holds 0.");
        incrementWithin(file);
        assertBytes(file, 1, "increment of an empty file");
    }

    private static String byteOrderHint(long expected, long actual) {
        if (actual == Long.reverseBytes(expected)) {
            return "The bytes were read little-endian: use ByteBuffer's default big-endian order.";
        }
        if (actual == (int) expected) {
            return "Only 4 bytes were used: the counter is a long of 8 bytes.";
        }
        return "Read the first 8 bytes as one big-endian long (ByteBuffer.getLong).";
    }

    private static void assertBytes(Path file, long expected, String scenario) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] wanted = ByteBuffer.allocate(Long.BYTES).putLong(expected).array();
        assertTrue(bytes.length >= Long.BYTES, scenario + " should leave 8 bytes in the file, but it holds "
                + bytes.length + ". Write the long with ByteBuffer.putLong at position 0.");
        byte[] first = java.util.Arrays.copyOf(bytes, Long.BYTES);
        assertArrayEquals(wanted, first, scenario + " should leave " + expected + " as 8 big-endian bytes at offset 0,"
                + " but the file starts with " + hex(first) + " instead of " + hex(wanted)
                + ". Write value + 1 with ByteBuffer.putLong at position 0 (big-endian).");
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(text.length() == 0 ? "" : " ").append(String.format("%02x", b));
        }
        return text.toString();
    }

    // ---- the lesson's run: 4 child JVMs × 100 -------------------------------------------------------

    private static ChildProcesses.Observation lessonRun;

    /**
     * Runs the lesson's example once for the tests that judge it (child JVMs are slow to start). The test holds
     * a shared lock on the (empty) counter file until 4 children are alive at once, or 3 s after the first one
     * appeared: children that lock the file wait for it, so a correct submission is seen with all 4 alive even
     * on a machine so busy that a child could otherwise finish before the last one starts.
     */
    private static synchronized ChildProcesses.Observation lessonRun() throws Exception {
        if (lessonRun == null) {
            Path lessonDir = Files.createTempDirectory("shared-counter-lesson");
            Path file = Files.createFile(lessonDir.resolve("counter"));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock[] held = {channel.lock(0, Long.MAX_VALUE, true)};
                try {
                    lessonRun = ChildProcesses.watch(() -> SharedCounter.runProcesses(file, 4, 100), LIMIT,
                            (alive, seen, millis) -> {
                                if (held[0] != null && (alive >= 4 || seen > alive || millis > 3000)) {
                                    held[0].release();
                                    held[0] = null;
                                }
                            });
                } finally {
                    if (held[0] != null) {
                        held[0].release();
                    }
                }
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(lessonDir);
            }
        }
        return lessonRun;
    }

    @Test
    @DisplayName("runProcesses(new file, 4, 100) returns 400 — the lesson's example.")
    @Graded(points = 2, kind = Kind.CORRECTNESS,
            requirement = "Lesson example: runProcesses(file, 4, 100) on a new file returns 400, every time.")
    void fourProcessesCount400() throws Exception {
        ChildProcesses.Observation run = lessonRun();
        if (!run.finished()) {
            fail("runProcesses(new file, 4 processes, 100 each) did not finish within " + AllowedTime.seconds(LIMIT)
                    + " — still running: " + run.pids().size() + " child processes. Wait for every child with"
                    + " waitFor(), and make sure each child releases the lock after every increment.");
        }
        Object total = run.resultOrThrow();
        assertEquals(400L, total, "runProcesses(new file, 4 processes, 100 each) should return 400, but returned " + total
                + " (after " + run.millis() + " ms). " + (total instanceof Long && (Long) total < 400
                        ? "Increments were lost: do the whole read-add-write while holding channel.lock()."
                        : "Each child increments perProcess times; return read(file) after all have ended."));
    }

    @Test
    @DisplayName("runProcesses(file, 4, 100) starts 4 real child processes, all of them before waiting for any.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "Start every child before waiting for any, so that they run at the same time; then waitFor each one.")
    void childProcessesRunAtTheSameTime() throws Exception {
        ChildProcesses.Observation run = lessonRun();
        rethrowIfNotImplemented(run.failure());
        int started = run.pids().size();
        assertTrue(started == 4, "runProcesses(file, 4 processes, 100 each) should start 4 child processes"
                + " (ProcessBuilder.start), but " + started + " child processes of the test JVM were seen"
                + (started == 0 ? ": the work must run in separate JVMs, not in threads." : "."));
        assertTrue(run.maxAtOnce() == 4, "runProcesses(file, 4 processes, 100 each) should start every child before"
                + " waiting for any, so that all 4 run at the same time, but at most " + run.maxAtOnce()
                + " were alive at once. Start all processes first, then call waitFor() on each.");
    }

    private static void rethrowIfNotImplemented(Throwable failure) throws Exception {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && String.valueOf(t.getMessage()).startsWith("TODO")) {
                throw (UnsupportedOperationException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
    }

    // ---- the lock ---------------------------------------------------------------------------------

    @Test
    @DisplayName("While another process holds a lock on the file, children wait for it and then continue from the value it wrote.")
    @Graded(points = 2, kind = Kind.CORRECTNESS,
            requirement = "take an exclusive lock with channel.lock(), and while holding it read the 8 bytes (none yet = 0), add one and write the 8 bytes back at offset 0.")
    void childrenWaitForTheFileLock() throws Exception {
        Path file = dir.resolve("counter");
        Files.write(file, new byte[Long.BYTES]);
        HeldLock locks = HeldLock.on(file);
        Set<Long> before = ChildProcesses.now();
        FutureTask<Long> call = new FutureTask<>(() -> SharedCounter.runProcesses(file, 2, 5));
        Thread runner = new Thread(call, "hidden-test-runProcesses");
        runner.setDaemon(true);
        String scenario = "runProcesses(file, 2 processes, 5 each) while the test JVM held a FileLock on the file";
        String verdict = null;
        // The test holds a shared (read) lock: a child's exclusive lock() must wait for it, while a child that
        // reads under a shared lock of its own, or without a lock, gets to read the old value first — and
        // then overwrites the value the test writes before releasing (file locks are advisory).
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = channel.lock(0, Long.MAX_VALUE, true)) {
            String initial = HeldLock.fingerprint(channel);
            runner.start();
            Map<Long, Long> firstSeen = new HashMap<>();
            Map<Long, Long> openSince = new HashMap<>();
            long start = System.nanoTime();
            boolean ready = false;
            while (verdict == null && !ready && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(4500)) {
                if (call.isDone()) {
                    rethrowIfNotImplemented(failureOf(call));
                    verdict = scenario + " should wait until the lock is released, but it returned while the lock was"
                            + " still held (" + describe(call) + "): the children did not wait for the lock.";
                    break;
                }
                String now = HeldLock.fingerprint(channel);
                if (!now.equals(initial)) {
                    verdict = scenario + " should not touch the counter while the lock is held, but the file changed"
                            + " from " + initial + " to " + now + ": a child wrote without holding the lock.";
                    break;
                }
                Set<Long> alive = new HashSet<>(ChildProcesses.now());
                alive.removeAll(before);
                long nanos = System.nanoTime();
                alive.forEach(pid -> firstSeen.putIfAbsent(pid, nanos));
                for (long pid : firstSeen.keySet()) {
                    if (!alive.contains(pid)) {
                        verdict = scenario + " should keep its children waiting for the lock, but child " + pid
                                + " ended while the lock was still held: it did not wait for the lock (or it crashed).";
                    }
                }
                Set<Long> waiting = locks.waiters();
                waiting.retainAll(alive);
                for (long pid : alive) {
                    if (HeldLock.hasOpen(pid, file)) {
                        openSince.putIfAbsent(pid, nanos);
                    } else {
                        openSince.remove(pid);
                    }
                }
                long oldest = firstSeen.values().stream().mapToLong(Long::longValue).min().orElse(nanos);
                long longestOpen = openSince.values().stream().mapToLong(since -> nanos - since).max().orElse(0);
                // Proof that a child locks the file: it is blocked in lock() (Linux lists it in /proc/locks). A
                // child that polls with tryLock() is never listed; it is taken as waiting once it has kept the
                // file open for 500 ms without touching it (a child without a lock writes within microseconds
                // of opening), or, only where /proc cannot tell, after 3 s. Where /proc can tell, time alone never
                // counts: on a loaded machine a child JVM may take seconds to start, and a child that reads
                // before it locks would then read the test's value and hide its mistake.
                ready = !waiting.isEmpty() || longestOpen > TimeUnit.MILLISECONDS.toNanos(500)
                        || (!locks.canSeeWaiters() && !firstSeen.isEmpty()
                                && nanos - oldest > TimeUnit.SECONDS.toNanos(3));
                if (!ready) {
                    Thread.sleep(3);
                }
            }
            if (verdict == null && firstSeen.isEmpty()) {
                verdict = scenario + " should start 2 child processes, but none was seen within 4.5 s. Start them with"
                        + " ProcessBuilder.start() before waiting for any.";
            }
            if (verdict == null) {
                // A child is waiting: change the counter under the test's lock. A child that read the value
                // before it held its exclusive lock will overwrite this.
                HeldLock.write(channel, 1000);
            }
        }
        if (verdict != null) {
            runner.join(3000);
            fail(verdict + " Take channel.lock() before reading, and hold it until the new value is written.");
        }
        long total;
        try {
            total = call.get(4, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            runner.interrupt();
            throw new AssertionFailedError(scenario + " should finish soon after the lock is released, but it was still"
                    + " running 4 s later. Release the lock after each increment (try-with-resources).");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
        assertEquals(1010, total, scenario + ", during which the test changed the counter from 0 to 1000, should end"
                + " at 1000 + 2 × 5 = 1010, but returned " + total + ": a child read the counter before it held the"
                + " exclusive lock and overwrote the test's update. Read the value only after channel.lock() has"
                + " returned, in the same locked section as the write.");
    }

    private static Throwable failureOf(FutureTask<Long> call) throws InterruptedException {
        try {
            call.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static String describe(FutureTask<Long> call) throws InterruptedException {
        try {
            return "with " + call.get();
        } catch (ExecutionException e) {
            return "throwing " + e.getCause();
        }
    }

    // ---- failures -----------------------------------------------------------------------------------

    @Test
    @DisplayName("A child that exits with a non-zero status makes runProcesses throw an IOException, only after every child has ended.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "If a child exits with a status other than 0, throw an IOException whose message names that exit status — but only after every child has ended.")
    void childFailureIsReported() throws Exception {
        // A directory where the counter file should be: every child fails to open it for writing.
        Path notAFile = Files.createDirectory(dir.resolve("counter-is-a-directory"));
        String scenario = "runProcesses(a path that is a directory, 2 processes, 3 each), whose children exit with an error";
        ChildProcesses.Observation run = ChildProcesses.watch(() -> SharedCounter.runProcesses(notAFile, 2, 3), LIMIT);
        rethrowIfNotImplemented(run.failure());
        Set<Long> alive = ChildProcesses.now();
        alive.retainAll(run.pids());
        if (!run.finished()) {
            fail(scenario + " did not finish within " + AllowedTime.seconds(LIMIT) + ". Wait for every child with waitFor().");
        }
        assertTrue(run.failure() instanceof IOException, scenario + " should throw an IOException, but it "
                + (run.failure() == null ? "returned " + run.result() : "threw " + run.failure())
                + ". Check each child's exit status (waitFor() returns it) and throw an IOException when it is not 0.");
        assertTrue(alive.isEmpty(), scenario + " should throw only after every child has ended, but "
                + alive.size() + " child processes were still running. Wait for all children, then throw.");
        if (!run.pids().isEmpty()) {
            String message = String.valueOf(run.failure().getMessage()).replace(notAFile.toString(), "")
                    .replace(dir.toString(), "");
            if (!message.matches("(?s).*\\d.*")) {
                Hints.add(scenario + " threw an IOException as it should, but its message \"" + run.failure().getMessage()
                        + "\" names no exit status. Saying e.g. \"a child exited with status 1\" helps.");
            }
        }
        assertKilledChildIsReported();
    }

    /**
     * The counter file is fine here, but every child is killed as soon as it runs the worker, so each one
     * ends with a non-zero status while the file stays readable: only a look at the exit status notices.
     * A child is killed once its command line names the worker class (never while the JDK is still
     * spawning it), or after two seconds alive whatever it shows.
     */
    private void assertKilledChildIsReported() throws Exception {
        Path file = dir.resolve("counter-of-killed-children");
        Set<Long> before = ChildProcesses.now();
        String scenario = "runProcesses(a new counter file, 2 processes, 1000000 each) whose children were killed";
        ChildProcesses.Observation run = ChildProcesses.watch(() -> SharedCounter.runProcesses(file, 2, 1_000_000), LIMIT,
                (alive, seen, millis) -> killWorkers(before));
        rethrowIfNotImplemented(run.failure());
        if (!run.finished()) {
            fail(scenario + " did not finish within " + AllowedTime.seconds(LIMIT) + ". Wait for every child with waitFor().");
        }
        assertTrue(run.failure() instanceof IOException, scenario + " should throw an IOException, but it "
                + (run.failure() == null ? "returned " + run.result() : "threw " + run.failure())
                + ". A killed child exits with a status other than 0 although the counter file can still be read:"
                + " check each child's exit status (waitFor() returns it) and throw an IOException when it is not 0.");
    }

    private static void killWorkers(Set<Long> before) {
        ProcessHandle.current().children().filter(child -> !before.contains(child.pid()) && child.isAlive())
                .filter(SharedCounterHiddenTest::isWorkerOrOld).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean isWorkerOrOld(ProcessHandle child) {
        ProcessHandle.Info info = child.info();
        if (info.commandLine().map(line -> line.contains(SharedCounter.class.getName())).orElse(false)) {
            return true;
        }
        return info.startInstant().map(start -> start.isBefore(java.time.Instant.now().minusSeconds(2))).orElse(false);
    }

    @Test
    @DisplayName("main <file> <times> increments times times; with wrong arguments it prints a usage line on standard error and exits with status 2.")
    @Graded(points = 1.5, kind = Kind.CORRECTNESS,
            requirement = "Wrong arguments — not exactly two, or times not a non-negative whole number — print a one-line usage message to standard error (e.g. usage: SharedCounter <file> <times>) and end the process with System.exit(2).")
    void mainIncrementsOrRejectsWrongArguments() throws Exception {
        Path file = dir.resolve("counter");
        Path good = dir.resolve("counter-main");
        List<List<String>> cases = List.of(List.of(good.toString(), "3"), List.of(), List.of(file.toString(), "lots"));
        List<Process> children = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Path err = dir.resolve("stderr-" + i + ".txt");
            errors.add(err);
            children.add(startWorker(cases.get(i), err));
        }
        try {
            for (int i = 0; i < cases.size(); i++) {
                String scenario = "java concurrency.shared.SharedCounter" + cases.get(i).stream()
                        .map(arg -> " " + (arg.equals(file.toString()) || arg.equals(good.toString()) ? "<file>" : arg))
                        .collect(Collectors.joining());
                Process child = children.get(i);
                if (!child.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    fail(scenario + " should exit soon, but was still running after " + AllowedTime.seconds(LIMIT)
                            + ". Check the arguments, increment, and return from main.");
                }
                String stderr = Files.readString(errors.get(i), StandardCharsets.UTF_8).strip();
                rethrowIfNotImplementedInChild(stderr);
                int expected = i == 0 ? 0 : 2;
                assertEquals(expected, child.exitValue(), scenario + " should exit with status " + expected
                        + ", but exited with " + child.exitValue()
                        + (stderr.isEmpty() ? "" : " after printing \"" + firstLine(stderr) + "\"") + ". " + (i == 0
                                ? "Increment the counter <times> times and return normally."
                                : "Print a usage line to System.err and call System.exit(2)."));
                if (i == 0) {
                    long value = SharedCounter.read(good);
                    assertEquals(3, value, scenario + " on a new file should leave 3 in it, but it holds " + value
                            + ". Call increment(file) <times> times.");
                } else {
                    assertTrue(!stderr.isEmpty(), scenario + " should print a usage message on standard error, but"
                            + " printed nothing there. Use System.err.println(\"usage: SharedCounter <file> <times>\").");
                }
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertTrue(Files.notExists(file) || SharedCounter.read(file) == 0, "java SharedCounter <file> lots should not"
                + " increment the counter, but the file now holds " + SharedCounter.read(file) + ".");
        // The same main called directly (no child JVM): good arguments increment and return.
        Path direct = dir.resolve("counter-main-direct");
        AllowedTime.within(LIMIT, "SharedCounter.main([<file>, \"3\"]) called directly", "Increment <times> times and return.",
                () -> SharedCounter.main(new String[] {direct.toString(), "3"}));
        long directValue = SharedCounter.read(direct);
        assertEquals(3, directValue, "SharedCounter.main([<file>, \"3\"]) called directly on a new file should leave 3 in"
                + " it, but it holds " + directValue + ". Call increment(file) <times> times.");
    }

    /**
     * Starts {@code java concurrency.shared.SharedCounter args} on the test JVM's class path. When the kit's
     * own build measures coverage, the JaCoCo agent of the test JVM is passed on, so that main's lines count.
     */
    /** Options that make a short-lived worker JVM start with less CPU: the work is a few hundred increments. */
    private static final List<String> QUICK_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto");

    private static Process startWorker(List<String> args, Path stderr) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-javaagent:") && arg.contains("jacoco"))
                .forEach(command::add);
        command.addAll(QUICK_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SharedCounter.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
    }

    private static void rethrowIfNotImplementedInChild(String stderr) {
        for (String line : stderr.split("\\R")) {
            int at = line.indexOf("UnsupportedOperationException: TODO");
            if (at >= 0) {
                String todo = line.substring(line.indexOf("TODO", at));
                throw new AssertionFailedError("SharedCounter.main is not implemented yet. " + todo,
                        new UnsupportedOperationException(todo));
            }
        }
    }

    /** The processes of {@code pids} still alive after waiting up to {@code limit} for them to end. */
    private static Set<Long> stillRunning(Set<Long> pids, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Set<Long> alive = new HashSet<>(pids);
        while (true) {
            alive.removeIf(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            if (alive.isEmpty() || System.nanoTime() >= deadline) {
                return alive;
            }
            Thread.sleep(10);
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    @Test
    @DisplayName("runProcesses interrupted while it waits for its children throws InterruptedException and destroys"
            + " the children still running.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "@throws InterruptedException if interrupted while waiting for the children (destroy the"
                    + " children that are still running before you let it propagate)")
    void interruptWhileWaiting() throws Exception {
        Path file = dir.resolve("counter");
        Files.write(file, new byte[Long.BYTES]);
        Set<Long> before = ChildProcesses.now();
        FutureTask<Long> call = new FutureTask<>(() -> SharedCounter.runProcesses(file, 1, 1));
        Thread runner = new Thread(call, "hidden-test-runProcesses");
        runner.setDaemon(true);
        String scenario = "runProcesses(file, 1 process, 1 increment), interrupted while its child waited for a lock the"
                + " test held";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            runner.start();
            long deadline = System.nanoTime() + LIMIT.toNanos();
            Set<Long> children = Set.of();
            while (children.isEmpty() && !call.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(1);
                children = new HashSet<>(ChildProcesses.now());
                children.removeAll(before);
            }
            rethrowIfNotImplemented(call.isDone() ? failureOf(call) : null);
            if (children.isEmpty()) {
                runner.interrupt();
                fail(scenario + " should start a child process, but " + (call.isDone()
                        ? "it returned (" + describe(call) + ") without one" : "none appeared within "
                                + AllowedTime.seconds(LIMIT)) + ". Start it with ProcessBuilder.start().");
            }
            runner.interrupt();
            try {
                Long result = call.get(2, TimeUnit.SECONDS);
                fail(scenario + " should throw InterruptedException, but returned " + result
                        + ". Let the InterruptedException of waitFor() propagate.");
            } catch (TimeoutException e) {
                fail(scenario + " should throw InterruptedException at once, but was still waiting 2 s later. Do not"
                        + " catch InterruptedException around waitFor() and wait again.");
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof InterruptedException, scenario + " should throw"
                        + " InterruptedException, but threw " + e.getCause() + ". Let it propagate unchanged.");
            }
            // The child still waits for the lock this test holds: only runProcesses can have ended it.
            Set<Long> running = stillRunning(children, LIMIT);
            assertTrue(running.isEmpty(), scenario + " threw InterruptedException as it should, but its child process"
                    + " (pid " + running + ") was still running " + AllowedTime.seconds(LIMIT) + " later. Destroy the"
                    + " children that are still running (Process.destroy or destroyForcibly) before you let the"
                    + " InterruptedException propagate.");
        } finally {
            Set<Long> leftovers = new HashSet<>(ChildProcesses.now());
            leftovers.removeAll(before);
            leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    @DisplayName("runProcesses rejects processes < 1, perProcess < 0 and a null file before starting a process;"
            + " perProcess = 0 is allowed.")
    @Graded(points = 0.5, kind = Kind.CORRECTNESS,
            requirement = "Check the arguments before any process starts")
    void argumentsAreCheckedFirst() throws Exception {
        Path file = dir.resolve("counter");
        Set<Long> before = ChildProcesses.now();
        int[][] bad = {{0, 10}, {-1, 10}, {2, -1}};
        String[] named = {"processes", "processes", "perProcess"};
        for (int i = 0; i < bad.length; i++) {
            int processes = bad[i][0];
            int perProcess = bad[i][1];
            String scenario = "runProcesses(file, " + processes + ", " + perProcess + ")";
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> SharedCounter.runProcesses(file, processes, perProcess), scenario
                            + " should throw IllegalArgumentException, but it did not. Check the counts first.");
            String message = String.valueOf(thrown.getMessage());
            if (!message.toLowerCase(Locale.ROOT).contains(named[i].toLowerCase(Locale.ROOT))) {
                Hints.add(scenario + " threw IllegalArgumentException as it should; its message \"" + message
                        + "\" does not name " + named[i] + ". Saying which argument is wrong helps.");
            }
        }
        assertThrows(NullPointerException.class, () -> SharedCounter.runProcesses(null, 2, 1),
                "runProcesses(null, 2, 1) should throw NullPointerException, but it did not.");
        Set<Long> started = ChildProcesses.now();
        started.removeAll(before);
        assertTrue(started.isEmpty(), "Rejected calls to runProcesses should start no process, but " + started.size()
                + " child processes are running. Check the arguments before starting any.");
        assertTrue(Files.notExists(file), "Rejected calls to runProcesses should not create the counter file, but it"
                + " exists. Check the arguments first.");
        long none = AllowedTime.within(LIMIT, "runProcesses(new file, 1 process, 0 each)",
                "Only processes < 1 and perProcess < 0 are wrong: 1 process and perProcess = 0 are allowed.",
                () -> SharedCounter.runProcesses(file, 1, 0));
        assertEquals(0, none, "runProcesses(new file, 1 process, 0 each) should return 0, but returned " + none
                + ". 1 process and perProcess = 0 are allowed: the child increments nothing.");
    }

    // ---- API ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("increment takes a java.nio.channels.FileLock (FileChannel.lock or tryLock).")
    @Graded(points = 0.5, kind = Kind.API,
            requirement = "take an exclusive lock with channel.lock()")
    void incrementLocksAFileChannel() throws Exception {
        Path file = dir.resolve("counter");
        incrementWithin(file);
        long value = readWithin(file);
        assertEquals(1, value, "increment of a new file should make it hold 1, but read returned " + value + ".");
        List<String> lockCalls = FileLockCalls.fromIncrement();
        assertTrue(!lockCalls.isEmpty(), "increment should take an exclusive lock with FileChannel.lock() (or"
                + " tryLock()) — the cross-process lock, Python's get_lock() — but neither increment nor a method it"
                + " calls calls FileChannel.lock or tryLock. A ReentrantLock or synchronized only excludes threads of"
                + " the same JVM, never other processes.");
    }

    /** read(file), bounded: a read that never ends fails the test with a clear message instead of hanging it. */
    private static long readWithin(Path file) throws Exception {
        return AllowedTime.within(LIMIT, "read(file)", "Stop reading at the end of the file: a missing or empty file holds 0.",
                () -> SharedCounter.read(file));
    }

    /** increment(file), bounded like {@link #readWithin}. */
    private static void incrementWithin(Path file) throws Exception {
        AllowedTime.within(LIMIT, "increment(file)", "Stop reading at the end of the file: a new or empty file holds 0.",
                () -> SharedCounter.increment(file));
    }
}
