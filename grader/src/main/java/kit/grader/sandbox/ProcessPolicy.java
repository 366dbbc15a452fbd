package kit.grader.sandbox;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which processes a submission may start: only what the shared-counter task asks for — child JVMs running
 * {@code concurrency.shared.SharedCounter} on the running class path — at most {@link #MAX_PROCESSES} per JVM, and
 * none from a child. Anything else could run code the grader has not checked.
 */
final class ProcessPolicy {

    /** Most processes one test JVM may start (the hidden tests need a few dozen). */
    static final int MAX_PROCESSES = 64;
    /** Set in every child's environment; a process that has it may not start processes. */
    static final String DEPTH_VARIABLE = "KIT_SANDBOX_DEPTH";

    private static final String TASK_PACKAGE = "concurrency.shared.";
    private static final String MAIN_CLASS = "concurrency.shared.SharedCounter";
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");
    /** {@code -Xshare:dump} would rewrite the JDK's own class-data archive: only these two. */
    private static final Set<String> SAFE_OPTIONS = Set.of("-Xshare:off", "-Xshare:auto");
    /** {@code -D} options a child may not get: the grader's own, and the JDK home its read rule trusts. */
    private static final List<String> UNSAFE_PROPERTY_PREFIXES = List.of("-Dkit.", "-Djava.home");
    private static final List<String> SAFE_OPTION_PREFIXES = List.of("-D", "-Xmx", "-Xms", "-Xss", "-ea",
            "-da", "-esa", "-dsa", "-XX:ActiveProcessorCount=", "-XX:TieredStopAtLevel=", "-XX:+UseSerialGC",
            "-XX:-UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseG1GC", "-XX:-UsePerfData", "-XX:+UsePerfData",
            "-Xint");
    private static final String SHAPE = "only `java -cp <the running class path> " + MAIN_CLASS + " <args>` may be"
            + " started";

    /**
     * Put before the submission's own options (which still win): a child JVM that does a few hundred increments
     * starts with less CPU without its JIT's second tier and with the serial collector. It behaves the same.
     */
    private static final List<String> QUICK_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto");

    private static final AtomicInteger STARTED = new AtomicInteger();

    private ProcessPolicy() {
    }

    static void check(String caller, ProcessBuilder builder) {
        if (!caller.startsWith(TASK_PACKAGE)) {
            throw Guard.refused("start processes", "only the shared-counter task starts child JVMs; " + caller
                    + " called ProcessBuilder.start");
        }
        if (!Guard.inTestJvm() || System.getenv(DEPTH_VARIABLE) != null) {
            throw Guard.refused("start processes from a child process", "ProcessBuilder.start in " + caller);
        }
        List<String> command = List.copyOf(builder.command());
        checkCommand(caller, command);
        checkRedirects(caller, builder);
        if (STARTED.incrementAndGet() > MAX_PROCESSES) {
            throw Guard.refused("start more than " + MAX_PROCESSES + " processes", "ProcessBuilder.start");
        }
        // The child gets the test JVM's own (scrubbed) environment, whatever the submission put in the builder's:
        // LD_PRELOAD or LD_LIBRARY_PATH pointing into the scratch space would run native code in the child.
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(System.getenv());
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH")) {
            environment.remove(variable);
        }
        environment.put(DEPTH_VARIABLE, "1");
        List<String> quick = new ArrayList<>(command.subList(0, 1));
        quick.addAll(QUICK_JVM_OPTIONS);
        quick.addAll(command.subList(1, command.size()));
        builder.command(quick);
    }

    /**
     * A copy of {@code builder} that the submission holds no reference to: its command read once, its directory,
     * redirects and merged error stream (its environment is replaced by {@link #check}).
     */
    static ProcessBuilder copyOf(ProcessBuilder builder) {
        ProcessBuilder copy = new ProcessBuilder(new ArrayList<>(List.of(builder.command().toArray(new String[0]))));
        copy.directory(builder.directory());
        copy.redirectInput(builder.redirectInput());
        copy.redirectOutput(builder.redirectOutput());
        copy.redirectError(builder.redirectError());
        copy.redirectErrorStream(builder.redirectErrorStream());
        return copy;
    }

    static void checkDestroy(ProcessHandle handle) {
        long pid = handle.pid();
        if (ProcessHandle.current().descendants().noneMatch(p -> p.pid() == pid)) {
            throw Guard.refused("end processes it did not start", "ProcessHandle.destroy of process " + pid);
        }
    }

    static void checkCommand(String caller, List<String> command) {
        if (command.isEmpty()) {
            return;  // ProcessBuilder.start itself rejects an empty command
        }
        if (!isRunningJava(caller, command.get(0))) {
            throw Guard.refused("start programs other than the running JVM's java", SHAPE + "; got " + command);
        }
        boolean classPathGiven = false;
        for (int i = 1; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.equals(MAIN_CLASS)) {
                if (!classPathGiven) {
                    throw Guard.refused("start this JVM", SHAPE + " (the class path must be given with -cp); got "
                            + command);
                }
                return;
            }
            if (CLASS_PATH_OPTIONS.contains(arg) && i + 1 < command.size()) {
                checkClassPath(command.get(++i), command);
                classPathGiven = true;
            } else if (!SAFE_OPTIONS.contains(arg) && (SAFE_OPTION_PREFIXES.stream().noneMatch(arg::startsWith)
                    || UNSAFE_PROPERTY_PREFIXES.stream().anyMatch(arg::startsWith))) {
                throw Guard.refused("start this JVM", SHAPE + "; the option " + arg + " is not allowed; got "
                        + command);
            }
        }
        throw Guard.refused("start this JVM", SHAPE + "; no main class " + MAIN_CLASS + " in " + command);
    }

    /**
     * Whether {@code program} is the running JVM's {@code java}: that file (through any links), or the bare name
     * {@code java} when the first {@code java} on the PATH is outside the scratch space. A file merely named
     * {@code java} — a script the submission wrote — is not.
     */
    static boolean isRunningJava(String caller, String program) {
        Path own = FilePolicy.resolved(Path.of(System.getProperty("java.home"), "bin", "java"));
        Path ownExe = FilePolicy.resolved(Path.of(System.getProperty("java.home"), "bin", "java.exe"));
        if (program.equals("java") || program.equals("java.exe")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                if (java.nio.file.Files.isExecutable(candidate)) {
                    Path real = FilePolicy.resolved(candidate);
                    return Path.of(dir).isAbsolute() && !real.startsWith(FilePolicy.scratch(caller));
                }
            }
            return false;
        }
        Path real = FilePolicy.resolved(Path.of(program));
        return real.equals(own) || real.equals(ownExe);
    }

    private static void checkClassPath(String value, List<String> command) {
        Set<Path> running = new HashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            running.add(Path.of(entry).toAbsolutePath().normalize());
        }
        for (String entry : value.split(File.pathSeparator)) {
            if (!running.contains(Path.of(entry).toAbsolutePath().normalize())) {
                throw Guard.refused("start this JVM", SHAPE + "; the class path entry " + entry
                        + " is not on the running class path; got " + command);
            }
        }
    }

    private static void checkRedirects(String caller, ProcessBuilder builder) {
        for (Redirect redirect : List.of(builder.redirectInput(), builder.redirectOutput(), builder.redirectError())) {
            if (redirect.file() != null) {
                FilePolicy.check(caller, redirect.file().toPath(), redirect.type() != Redirect.Type.READ,
                        "ProcessBuilder.redirect");
            }
        }
    }
}
