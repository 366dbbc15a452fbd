package kit.grader.isolation;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating-system boundary around every process that runs submitted code.
 *
 * <p>On Linux with bubblewrap ({@code bwrap}) a wrapped command runs in new user, PID, network, IPC and UTS
 * namespaces: it sees the system's programs and libraries and the JDK read-only, the paths it is given
 * read-only, one writable directory, a private {@code /tmp}, a {@code /proc} that shows only its own processes,
 * no home directory and no network (its loopback is its own and empty). It dies with the grader
 * ({@code --die-with-parent}), and when its first process ends the kernel kills every other process of its PID
 * namespace, double-forked ones included. {@code prlimit} adds resource limits (open files, file size, CPU time,
 * processes; no address-space limit, which the JVM's large virtual reservations would break — its heap option
 * bounds its memory instead).
 *
 * <p>Where bubblewrap is missing or refused, the sandbox is "none": {@link #wrap} returns the command unchanged,
 * the grader relies on its bytecode guard alone, and {@link #warning()} says so and how to fix it.
 */
public final class Sandbox {

    /** Open files per sandboxed process: a test JVM with its jars needs a few hundred. */
    static final int OPEN_FILES = 4096;
    /** Largest file a sandboxed process may write. */
    static final long FILE_BYTES = 512L * 1024 * 1024;
    /** CPU seconds per sandboxed process (a whole submission's tests fit with room to spare). */
    static final int CPU_SECONDS = 1800;
    /**
     * Processes and threads on top of what the user already runs: Linux counts {@code RLIMIT_NPROC} over all of
     * the user's threads, not per sandbox, so the limit is the current count plus this margin.
     */
    static final int EXTRA_PROCESSES = 4096;

    private static final Map<IsolationMode, Sandbox> DETECTED = new ConcurrentHashMap<>();
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin",
            "/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime");
    private static final String INSTALL = "install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap)";
    private static final String USERNS = "bwrap is installed but may not create user namespaces here; on Ubuntu"
            + " 23.10+ run `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0` or add an AppArmor"
            + " profile for /usr/bin/bwrap that allows userns";

    private final String bwrap;
    private final String prlimit;
    private final long processes;
    private final String warning;

    private Sandbox(String bwrap, String prlimit, long processes, String warning) {
        this.bwrap = bwrap;
        this.prlimit = prlimit;
        this.processes = processes;
        this.warning = warning;
    }

    /**
     * The sandbox to use under {@code mode}, probed once per mode and run of the grader: bubblewrap when a trial
     * sandbox, set up the way grading sets it up, runs {@code java -version}; otherwise none.
     *
     * @throws IsolationUnavailableException under {@link IsolationMode#REQUIRE} when no sandbox works
     */
    public static Sandbox detect(IsolationMode mode) {
        return checked(mode, DETECTED.computeIfAbsent(mode, m -> probe(m, onPath("bwrap"))));
    }

    /** {@code sandbox}, unless {@code mode} is {@link IsolationMode#REQUIRE} and it is none. */
    static Sandbox checked(IsolationMode mode, Sandbox sandbox) {
        if (mode == IsolationMode.REQUIRE && !sandbox.isolated()) {
            throw new IsolationUnavailableException("--isolation=require refuses to grade without a sandbox: "
                    + sandbox.warning.replace(": graded with the bytecode guard alone", ""));
        }
        return sandbox;
    }

    /** No sandbox, for the reason given. */
    public static Sandbox none(String reason) {
        return new Sandbox(null, null, 0, reason);
    }

    /** {@code "bubblewrap"} or {@code "none"}. */
    public String name() {
        return isolated() ? "bubblewrap" : "none";
    }

    /** Whether wrapped commands run in a sandbox. */
    public boolean isolated() {
        return bwrap != null;
    }

    /** One line: why there is no sandbox and how to get one; empty when isolated. */
    public String warning() {
        return warning;
    }

    /**
     * The command that runs {@code command} inside the sandbox: it may write only {@code writableDir}, read
     * {@code readOnlyPaths} besides the system's programs and the JDK, and has exactly {@code environment}.
     * Without a sandbox, {@code command} unchanged (the caller sets the environment on its ProcessBuilder).
     * Paths are bound at the same place inside, so the command's own paths need no translation.
     */
    public List<String> wrap(List<String> command, Path writableDir, List<Path> readOnlyPaths,
            Map<String, String> environment) {
        if (!isolated()) {
            return List.copyOf(command);
        }
        List<String> wrapped = new ArrayList<>();
        if (prlimit != null) {
            wrapped.add(prlimit);
            wrapped.add("--nofile=" + OPEN_FILES);
            wrapped.add("--fsize=" + FILE_BYTES);
            wrapped.add("--cpu=" + CPU_SECONDS);
            wrapped.add("--core=0");
            if (processes > 0) {
                wrapped.add("--nproc=" + processes);
            }
        }
        wrapped.addAll(List.of(bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"));
        for (String dir : SYSTEM_DIRS) {
            wrapped.addAll(List.of("--ro-bind-try", dir, dir));
        }
        for (Path jdkPath : jdkPaths()) {
            wrapped.addAll(List.of("--ro-bind", jdkPath.toString(), jdkPath.toString()));
        }
        wrapped.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        // After --tmpfs /tmp (which would hide a bind under /tmp made before it), outer directories before inner
        // ones, so a writable directory inside a read-only one (or the reverse) stays as asked.
        Map<Path, Boolean> binds = new LinkedHashMap<>();
        for (Path p : readOnlyPaths) {
            binds.put(real(p), false);
        }
        binds.put(real(writableDir), true);
        binds.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Path, Boolean> e) -> e.getKey().getNameCount()))
                .forEach(e -> wrapped.addAll(List.of(e.getValue() ? "--bind" : "--ro-bind", e.getKey().toString(),
                        e.getKey().toString())));
        wrapped.add("--clearenv");
        environment.forEach((name, value) -> wrapped.addAll(List.of("--setenv", name, value)));
        wrapped.add("--");
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The running JDK's directory (when outside /usr) and its configuration under /etc (Debian links it there). */
    private static List<Path> jdkPaths() {
        List<Path> paths = new ArrayList<>();
        Path home = real(Path.of(System.getProperty("java.home")));
        if (!home.startsWith("/usr")) {
            paths.add(home);
        }
        try (DirectoryStream<Path> etc = Files.newDirectoryStream(Path.of("/etc"), "java*")) {
            for (Path p : etc) {
                if (Files.isDirectory(p)) {
                    paths.add(p);
                }
            }
        } catch (IOException e) {
            // no /etc/java*: nothing to bind
        }
        return paths;
    }

    /** What {@code mode} gets with {@code bwrap} (a path, or null when there is none): probed with a trial. */
    static Sandbox probe(IsolationMode mode, String bwrap) {
        if (mode == IsolationMode.OFF) {
            return none("--isolation=off: submitted code runs without an operating-system sandbox");
        }
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return none("no operating-system sandbox on " + System.getProperty("os.name")
                    + " (bubblewrap needs Linux): graded with the bytecode guard alone");
        }
        if (bwrap == null) {
            return none("bwrap not found: graded with the bytecode guard alone; " + INSTALL);
        }
        String prlimit = onPath("prlimit");
        Sandbox candidate = new Sandbox(bwrap, prlimit, processLimit(), "");
        String failure = candidate.trial();
        if (failure == null) {
            return candidate;
        }
        boolean userns = failure.contains("uid map") || failure.contains("RTM_NEWADDR")
                || failure.contains("namespace") || failure.contains("Operation not permitted");
        return none("bwrap failed a trial sandbox (" + failure + "): graded with the bytecode guard alone; "
                + (userns ? USERNS : INSTALL));
    }

    /** Runs {@code java -version} in a sandbox like grading's; null when it worked, else what went wrong. */
    private String trial() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kit-grader-probe-");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Map<String, String> environment = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            List<String> command = wrap(List.of(java.toString(), "-XX:-UsePerfData", "-Xshare:auto", "-version"),
                    dir, List.of(), environment);
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "no answer within 30 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() == 0 && output.contains("version")) {
                return null;
            }
            String firstLine = output.lines().findFirst().orElse("");
            return "exit " + process.exitValue() + (firstLine.isEmpty() ? "" : ": " + firstLine);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (dir != null) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException | RuntimeException e) {
                    // left for the OS
                }
            }
        }
    }

    /** 0 for root (exempt from the limit); otherwise the user's threads now plus {@link #EXTRA_PROCESSES}. */
    private static long processLimit() {
        String uid = uid();
        if (uid == null || uid.equals("0")) {
            return 0;
        }
        long tasks = 0;
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                try {
                    String status = Files.readString(p.resolve("status"));
                    String uidLine = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElse("");
                    String[] fields = uidLine.split("\\s+");
                    if (fields.length > 1 && fields[1].equals(uid)) {
                        String threads = status.lines().filter(l -> l.startsWith("Threads:")).findFirst()
                                .orElse("Threads: 1");
                        tasks += Long.parseLong(threads.substring("Threads:".length()).strip());
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return tasks + EXTRA_PROCESSES;
    }

    private static String uid() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")[1]).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Path.of(dir).isAbsolute() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : List.of("/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return dir + "/" + program;
            }
        }
        return null;
    }
}
