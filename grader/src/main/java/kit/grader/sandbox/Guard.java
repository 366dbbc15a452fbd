package kit.grader.sandbox;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Runs in the test JVM: checks a submission's call to a sensitive API before it goes through.
 *
 * <p>The grader rewrites every such call in the submission's bytecode into a call of a small bridge method in the
 * same class, which calls {@link #check} with the call's receiver and arguments and then makes the original call.
 * A call that the policy refuses throws {@link SecurityException} in the submission's code, with a message that
 * names what was refused; the hidden test that triggered it fails with that message.
 */
public final class Guard {

    private Guard() {
    }

    /**
     * Checks one call.
     *
     * @param caller the binary name of the submission's class that makes the call
     * @param check the {@link Check}'s name
     * @param member the called member, e.g. {@code java.lang.System.exit}
     * @param what what the rule protects, e.g. "end the JVM"
     * @param args the receiver (for instance members) followed by the arguments
     * @throws SecurityException if the policy refuses the call
     */
    public static void check(String caller, String check, String member, String what, Object[] args) {
        switch (Check.valueOf(check)) {
            case DENY -> throw refused(what, member);
            case EXIT -> {
                if (inTestJvm()) {
                    throw refused(what, member);
                }
            }
            // Open options make a read a write check (DELETE_ON_CLOSE deletes, and an array or a set can be
            // changed by another thread between this check and the call): an option array that is not empty, or
            // any collection, is checked as a write. Channels are always write-checked for the same reason.
            case READ, READ_NAMED -> paths(caller, args, takesOptions(args), Check.valueOf(check) == Check.READ_NAMED,
                    member);
            case WRITE, WRITE_NAMED -> paths(caller, args, true, Check.valueOf(check) == Check.WRITE_NAMED, member);
            case OPEN -> paths(caller, args, true, false, member);
            case RANDOM_ACCESS -> paths(caller, args, !"r".equals(args.length > 1 ? args[1] : null), true, member);
            case PROCESS -> ProcessPolicy.check(caller, (ProcessBuilder) args[0]);
            case DESTROY -> ProcessPolicy.checkDestroy((ProcessHandle) args[0]);
            case CLASS_NAME -> ReflectionPolicy.checkClassNames(caller, args);
            case REFLECT_CLASS -> ReflectionPolicy.checkClass(caller, (Class<?>) args[0], member);
            case REFLECT_MEMBER -> ReflectionPolicy.checkMember(caller, (java.lang.reflect.Member) args[0]);
            case LOOKUP -> ReflectionPolicy.checkLookup(caller, member, args);
            case STACK_WALKER -> ReflectionPolicy.checkStackWalker(args);
            case INTERRUPT -> {
                if (args[0] == testThread && onJdkSharedThread()) {
                    throw refused(what, member + " of the thread that runs the hidden tests, from a JDK pool thread");
                }
            }
        }
    }

    private static volatile Thread testThread;

    /**
     * Marks the thread that runs the hidden tests (the test JVM's main thread). Code under test may not interrupt
     * it from the JDK's shared pool threads: work queued there by one task (on {@code delayedExecutor} or the
     * common pool) could otherwise break the tests of the next task in the same JVM. A task's own threads may
     * interrupt it; a task that leaves a thread alive gets its JVM retired anyway.
     */
    public static void protect(Thread thread) {
        testThread = thread;
    }

    private static boolean onJdkSharedThread() {
        Thread current = Thread.currentThread();
        return (current instanceof java.util.concurrent.ForkJoinWorkerThread worker
                && worker.getPool() == java.util.concurrent.ForkJoinPool.commonPool())
                || current.getName().equals("CompletableFutureDelayScheduler");
    }

    /** The system property that marks the JVM running the hidden tests (set on its command line). */
    public static final String TEST_JVM_PROPERTY = "kit.grader.testJvm";

    /** Whether this is the JVM that runs the hidden tests, not a child JVM that the submission started. */
    static boolean inTestJvm() {
        return System.getProperty(TEST_JVM_PROPERTY) != null;
    }

    /** The exception for a refused call: what the rule protects, and the member. */
    static SecurityException refused(String what, String detail) {
        return new SecurityException("the grader does not let a submission " + what + " (" + detail + ")");
    }

    private static void paths(String caller, Object[] args, boolean write, boolean firstStringIsName, String member) {
        if (checkPaths(caller, args, write, firstStringIsName, member) == 0 && member.contains(".createTemp")) {
            // A temporary file without a directory goes to java.io.tmpdir.
            FilePolicy.check(caller, Path.of(System.getProperty("java.io.tmpdir")), true, member);
        }
    }

    private static int checkPaths(String caller, Object[] args, boolean write, boolean firstStringIsName,
            String member) {
        int checked = 0;
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Object[] array) {
                checked += checkPaths(caller, array, write, false, member);
            } else if (arg instanceof Path || arg instanceof File || (firstStringIsName && i == 0 && arg instanceof String)) {
                FilePolicy.check(caller, toPath(arg, member), write, member);
                checked++;
            }
        }
        return checked;
    }

    private static Path toPath(Object arg, String member) {
        try {
            if (arg instanceof Path path) {
                return path;
            }
            return arg instanceof File file ? file.toPath() : Path.of((String) arg);
        } catch (InvalidPathException e) {
            throw refused("use this path", member + " with " + arg);
        }
    }

    private static boolean takesOptions(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof OpenOption || arg instanceof Collection<?>
                    || (arg instanceof OpenOption[] options && options.length > 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts a process for a submission's {@code builder.start()}: copies the builder once (its command list may
     * be the submission's own, showing one command to a check and another to {@code start}), checks the copy and
     * starts the copy. The submission's builder itself is never started.
     *
     * @param caller the binary name of the submission's class that makes the call
     * @throws SecurityException if the policy refuses the process
     */
    public static Process start(String caller, ProcessBuilder builder) throws java.io.IOException {
        ProcessBuilder copy = ProcessPolicy.copyOf(builder);
        ProcessPolicy.check(caller, copy);
        return copy.start();
    }
}
