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
    /** A heap size: the one JVM option a submission may choose ({@code -Xmx512m}, {@code -Xms64M}, ...). */
    private static final java.util.regex.Pattern HEAP_SIZE = java.util.regex.Pattern.compile("-Xm[xs][0-9]+[kKmMgG]?");
    private static final String SHAPE = "only `java -cp <the running class path> [-Xmx<size>] " + MAIN_CLASS
            + " <file> <times>` may be started (the class path also by the CLASSPATH variable)";

    /**
     * Put before the submission's own options (which still win): a child JVM that does a few hundred increments
     * starts with less CPU without its JIT's second tier and with the serial collector. It behaves the same.
     */
    private static final List<String> QUICK_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto");
    /**
     * Put right before the main class, after everything the submission gave: no Attach API and no perf-data file
     * (a process of the same user could otherwise attach to the child or find the JVMs to attach to).
     */
    private static final List<String> LOCKED_JVM_OPTIONS = List.of("-XX:+DisableAttachMechanism",
            "-XX:-UsePerfData");
    /** The grader's own options a submission may repeat (they change nothing). */
    private static final Set<String> GRADER_OPTIONS = Set.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto", "-XX:+DisableAttachMechanism");
    private static final String CLASSPATH_VARIABLE = "CLASSPATH";

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
        String classPathVariable = builder.environment().get(CLASSPATH_VARIABLE);
        int mainClass = checkCommand(caller, command, classPathVariable);
        checkRedirects(caller, builder);
        if (STARTED.incrementAndGet() > MAX_PROCESSES) {
            throw Guard.refused("start more than " + MAX_PROCESSES + " processes", "ProcessBuilder.start");
        }
        // The child gets the test JVM's own (scrubbed) environment, whatever the submission put in the builder's:
        // LD_PRELOAD or LD_LIBRARY_PATH pointing into the scratch space would run native code in the child.
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(System.getenv());
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", CLASSPATH_VARIABLE)) {
            environment.remove(variable);
        }
        if (classPathVariable != null) {
            environment.put(CLASSPATH_VARIABLE, classPathVariable);  // checked above
        }
        environment.put(DEPTH_VARIABLE, "1");
        List<String> quick = new ArrayList<>(command.subList(0, 1));
        quick.addAll(QUICK_JVM_OPTIONS);
        quick.addAll(command.subList(1, mainClass));
        quick.addAll(LOCKED_JVM_OPTIONS);
        quick.addAll(command.subList(mainClass, command.size()));
        builder.command(quick);
        // Pinned: the child works where the test JVM works (inside its scratch space), whatever was asked.
        builder.directory(new java.io.File(System.getProperty("user.dir")));
    }

    /**
     * A copy of {@code builder} that the submission holds no reference to: its command read once, its directory,
     * redirects, merged error stream and {@code CLASSPATH} variable (the rest of its environment is replaced by
     * {@link #check}).
     */
    static ProcessBuilder copyOf(ProcessBuilder builder) {
        ProcessBuilder copy = new ProcessBuilder(new ArrayList<>(List.of(builder.command().toArray(new String[0]))));
        copy.directory(builder.directory());
        copy.redirectInput(builder.redirectInput());
        copy.redirectOutput(builder.redirectOutput());
        copy.redirectError(builder.redirectError());
        copy.redirectErrorStream(builder.redirectErrorStream());
        String classPath = builder.environment().get(CLASSPATH_VARIABLE);
        copy.environment().remove(CLASSPATH_VARIABLE);
        if (classPath != null) {
            copy.environment().put(CLASSPATH_VARIABLE, classPath);
        }
        return copy;
    }

    static void checkDestroy(ProcessHandle handle) {
        long pid = handle.pid();
        if (ProcessHandle.current().descendants().noneMatch(p -> p.pid() == pid)) {
            throw Guard.refused("end processes it did not start", "ProcessHandle.destroy of process " + pid);
        }
    }

    /**
     * Checks {@code command} against the exact allow-list: the running JVM's {@code java}; the class path by one
     * {@code -cp}/{@code -classpath}/{@code --class-path} (or, without one, by {@code classPathVariable}), every
     * entry on the running class path; a heap size; the grader's own quick options; the main class
     * {@value #MAIN_CLASS}; exactly its two arguments. Nothing else: no {@code -D} (a later
     * {@code -Djava.class.path} overrides {@code -cp}; logging and class-dump properties write files), no other
     * {@code -X}/{@code -XX} option, no agent.
     *
     * @return the index of the main class in {@code command}
     */
    static int checkCommand(String caller, List<String> command, String classPathVariable) {
        if (command.isEmpty()) {
            throw Guard.refused("start this JVM", SHAPE + "; got an empty command");
        }
        if (!isRunningJava(caller, command.get(0))) {
            throw Guard.refused("start programs other than the running JVM's java", SHAPE + "; got " + command);
        }
        boolean classPathGiven = false;
        for (int i = 1; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.equals(MAIN_CLASS)) {
                if (!classPathGiven) {
                    if (classPathVariable == null) {
                        throw Guard.refused("start this JVM", SHAPE + " (no class path given); got " + command);
                    }
                    checkClassPath(classPathVariable, command);
                }
                if (command.size() - i - 1 != 2) {
                    throw Guard.refused("start this JVM", SHAPE + " (exactly two arguments); got " + command);
                }
                return i;
            }
            if (CLASS_PATH_OPTIONS.contains(arg) && i + 1 < command.size() && !classPathGiven) {
                checkClassPath(command.get(++i), command);
                classPathGiven = true;
            } else if (arg.startsWith("--class-path=") && !classPathGiven) {
                checkClassPath(arg.substring("--class-path=".length()), command);
                classPathGiven = true;
            } else if (!HEAP_SIZE.matcher(arg).matches() && !GRADER_OPTIONS.contains(arg)) {
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
