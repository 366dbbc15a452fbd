package kit.grader.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kit.grader.child.ChannelStreams;
import kit.grader.child.ChildRunner;
import kit.grader.child.Protocol;
import kit.grader.isolation.Sandbox;
import kit.grader.sandbox.Guard;

/**
 * One test JVM: starts it, hands it its token, drains its standard output into a capped buffer, reads its
 * events into a queue, sends it commands, and kills it together with every process it started.
 */
final class ChildProcess {

    /** Bytes of the JVM's own standard output and error kept for diagnosis; the rest is drained and dropped. */
    static final int OUTPUT_CAP = 64 * 1024;

    /**
     * Options every test JVM gets last, so nothing before them wins: no Attach API (another process of the same
     * user could otherwise load an agent into it and rewrite the grader's classes) and no
     * {@code /tmp/hsperfdata_<user>} file (which lists the JVMs of the user to attach to).
     */
    static final List<String> LOCKED_JVM_OPTIONS = List.of("-XX:+DisableAttachMechanism", "-XX:-UsePerfData");

    /** {@code setsid}, to start an unsandboxed test JVM in its own process group, or null where there is none. */
    private static final String SETSID = System.getProperty("os.name", "").toLowerCase().contains("linux")
            && Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid" : null;

    /** Environment variables a test JVM keeps (Windows needs SystemRoot for sockets). */
    private static final List<String> KEPT_VARIABLES = List.of("PATH", "Path", "SystemRoot", "SYSTEMROOT", "windir",
            "LANG", "LC_ALL", "LC_CTYPE", "TZ");

    private final Process process;
    private final ChildServer.Registration registration;
    private final ChildServer server;
    private final BlockingQueue<ChildEvent> events = new LinkedBlockingQueue<>();
    private final StringBuilder output = new StringBuilder();
    private final long startedNanos = System.nanoTime();
    private DataOutputStream commands;
    private SocketChannel socket;

    private ChildProcess(Process process, ChildServer server, ChildServer.Registration registration) {
        this.process = process;
        this.server = server;
        this.registration = registration;
    }

    /** Starts a test JVM whose class path is the grader's, then {@code classes}; it works in {@code workDir}. */
    static ChildProcess start(ChildServer server, TestClasspath classpath, Path classes, Path workDir,
            RunLimits limits) throws IOException {
        return start(server, classpath, classes, workDir, limits, Sandbox.none("no sandbox asked for"));
    }

    /**
     * Starts a test JVM in {@code sandbox}: it may write only {@code workDir} and read the JDK, the grader's class
     * path, {@code classes} and the directory of the grader's socket.
     */
    static ChildProcess start(ChildServer server, TestClasspath classpath, Path classes, Path workDir,
            RunLimits limits, Sandbox sandbox) throws IOException {
        Files.createDirectories(workDir.resolve("tmp"));
        Path jvmDir = Files.createTempDirectory(workDir, "jvm-");
        String classesEntry = classes.toAbsolutePath().toString();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(limits.jvmOptions());
        String extra = System.getProperty("kit.grader.childOptions", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(LOCKED_JVM_OPTIONS);
        command.add("-D" + Guard.TEST_JVM_PROPERTY + "=true");
        command.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
        command.add("-Duser.home=" + Files.createDirectories(workDir.resolve("home")));
        command.add("-XX:ErrorFile=" + workDir.resolve("hs_err_%p.log"));
        command.add("-cp");
        command.add(classpath.with(classesEntry));
        command.add(ChildRunner.class.getName());
        command.add(server.socketPath().toString());
        command.add(classpath.hiddenRoot().toString());
        ProcessBuilder builder = new ProcessBuilder().directory(jvmDir.toFile()).redirectErrorStream(true);
        scrub(builder.environment(), workDir);
        List<Path> readable = new ArrayList<>(classpath.entries());
        readable.add(classes);
        readable.add(server.directory());
        List<String> wrapped = sandbox.wrap(command, workDir, readable, Map.copyOf(builder.environment()));
        if (!sandbox.isolated() && SETSID != null) {
            // Its own process group: kill() then also reaches processes that left the tree (sh -c '... &').
            wrapped = new ArrayList<>(wrapped);
            wrapped.add(0, SETSID);
        }
        builder.command(wrapped);
        ChildServer.Registration registration = server.register();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            server.cancel(registration.token());
            throw e;
        }
        Cleanup.track(process);
        ChildProcess child = new ChildProcess(process, server, registration);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((registration.token() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // The JVM died before reading its token; awaitConnected reports it.
        }
        Thread drain = new Thread(child::drain, "grader-child-output");
        drain.setDaemon(true);
        drain.start();
        return child;
    }

    /**
     * The test JVM's environment: only what a JVM needs to run (no tokens or secrets of the grader's environment,
     * no JVM options), with {@code HOME} and the temporary directories inside the scratch space.
     */
    private static void scrub(Map<String, String> environment, Path workDir) {
        Map<String, String> kept = new HashMap<>();
        for (String name : KEPT_VARIABLES) {
            String value = environment.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        environment.clear();
        environment.putAll(kept);
        environment.put("HOME", workDir.resolve("home").toString());
        for (String name : List.of("TMPDIR", "TMP", "TEMP")) {
            environment.put(name, workDir.resolve("tmp").toString());
        }
    }

    /** Waits until the JVM has connected; false if it did not within {@code millis} or died. */
    boolean awaitConnected(long millis) {
        if (socket != null) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            try {
                socket = registration.socket().get(50, TimeUnit.MILLISECONDS);
                commands = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(socket)));
                Thread reader = new Thread(this::readEvents, "grader-child-events");
                reader.setDaemon(true);
                reader.start();
                return true;
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        server.cancel(registration.token());
        return false;
    }

    /** Asks the JVM to discover a task's tests, report them and (unless {@code planOnly}) run them. */
    void runTask(String task, boolean planOnly) throws IOException {
        commands.writeByte(Protocol.RUN_TASK);
        Protocol.writeString(commands, task);
        commands.writeBoolean(planOnly);
        commands.flush();
    }

    /** Asks the JVM to run some tests of a task. */
    void runTests(String task, List<String> ids) throws IOException {
        commands.writeByte(Protocol.RUN_TESTS);
        Protocol.writeString(commands, task);
        commands.writeInt(ids.size());
        for (String id : ids) {
            Protocol.writeString(commands, id);
        }
        commands.flush();
    }

    /** The next event, or {@code null} after {@code millis}. */
    ChildEvent poll(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Asks the JVM to exit, and kills it if it has not within a second. */
    void exit() {
        try {
            if (commands != null) {
                commands.writeByte(Protocol.EXIT);
                commands.flush();
            }
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        closeSocket();
    }

    /** Kills the JVM and every process it started; nothing else stops a thread that ignores interrupts. */
    void kill() {
        killAll(process);
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.cancel(registration.token());
        closeSocket();
    }

    /**
     * Kills {@code process} and everything it started. In a sandbox, killing its first process makes the kernel
     * kill the whole PID namespace; without one, the descendants still known and (under {@code setsid}) the
     * process group.
     */
    private static void killAll(Process process) {
        if (SETSID != null) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no kill command: the descendants below are still killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The JVM's exit status once it has ended (waiting up to two seconds), or -1 while it still runs. */
    int exitStatus() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** The last lines the JVM itself printed (not the tests' output, which travels with each result). */
    String outputTail() {
        synchronized (output) {
            String text = output.toString().strip();
            return text.length() <= 500 ? text : "…" + text.substring(text.length() - 500);
        }
    }

    /** How long ago the JVM was started. */
    long ageMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private void drain() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (output) {
                    int room = Math.max(0, Math.min(n, OUTPUT_CAP - output.length()));
                    if (room > 0) {
                        output.append(new String(buffer, 0, room, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // The JVM is gone.
        }
    }

    private void readEvents() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(socket)))) {
            while (true) {
                byte type = in.readByte();
                switch (type) {
                    case Protocol.PLAN -> {
                        String task = Protocol.readString(in);
                        int count = in.readInt();
                        List<PlannedTest> tests = new ArrayList<>();
                        for (int i = 0; i < count; i++) {
                            String id = Protocol.readString(in);
                            String classId = Protocol.readString(in);
                            String className = Protocol.readString(in);
                            String method = Protocol.readString(in);
                            String name = Protocol.readString(in);
                            double points = in.readDouble();
                            String kind = Protocol.readString(in);
                            String problem = Protocol.readString(in);
                            tests.add(new PlannedTest(id, classId, task, className, method, name, points, kind,
                                    problem));
                        }
                        events.add(new ChildEvent.Plan(task, tests));
                    }
                    case Protocol.START -> events.add(new ChildEvent.Start(Protocol.readString(in)));
                    case Protocol.TICK -> events.add(new ChildEvent.Tick(Protocol.readString(in)));
                    case Protocol.CLASS_START -> events.add(new ChildEvent.ClassStart(Protocol.readString(in)));
                    case Protocol.FINISH -> events.add(new ChildEvent.Finish(Protocol.readString(in),
                            Protocol.readString(in), Protocol.readString(in), in.readLong(), Protocol.readString(in)));
                    case Protocol.PROBLEM -> events.add(new ChildEvent.Problem(Protocol.readString(in),
                            Protocol.readString(in)));
                    case Protocol.DONE -> events.add(new ChildEvent.Done(Protocol.readString(in), in.readBoolean()));
                    default -> throw new IOException("unknown frame " + type);
                }
            }
        } catch (IOException e) {
            events.add(new ChildEvent.Closed(e.getMessage() == null ? "closed" : e.getMessage()));
        }
    }

    private void closeSocket() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
    }
}
