package kit.grader.sandbox;

/**
 * What the guard checks before a submission's call to a sensitive API goes through.
 *
 * <p>The rewriter picks one per call site from {@link ApiRules}; the {@link Guard} carries it out at run time
 * with the call's receiver and arguments.
 */
public enum Check {
    /** Never allowed. */
    DENY,
    /** Ending the JVM: refused in the test JVM (it would end the hidden tests), allowed in a child JVM. */
    EXIT,
    /** Every {@code Path} or {@code File} argument must lie where a submission may read. */
    READ,
    /** Every {@code Path} or {@code File} argument must lie inside the submission's scratch directory. */
    WRITE,
    /** Like {@link #READ}, and a first {@code String} argument is a file name. */
    READ_NAMED,
    /** Like {@link #WRITE}, and a first {@code String} argument is a file name. */
    WRITE_NAMED,
    /** Opening a channel: a write check when the options write, a read check otherwise. */
    OPEN,
    /** {@code new RandomAccessFile(name, mode)}: a write check unless the mode is {@code "r"}. */
    RANDOM_ACCESS,
    /** Starting a process: only the shared-counter task's child JVMs, bounded. */
    PROCESS,
    /** Destroying a process: only the JVM's own descendants. */
    DESTROY,
    /** Looking a class up by name: never one of the grader's classes. */
    CLASS_NAME,
    /** Reflection on a class: never on one of the grader's classes. */
    REFLECT_CLASS,
    /** Using a reflected member: never the grader's, never a sensitive JDK member. */
    REFLECT_MEMBER,
    /** Method-handle lookups: the same rules as reflection. */
    LOOKUP,
    /** A stack walker that hands out {@code Class} objects of the callers (the hidden tests). */
    STACK_WALKER,
    /** Interrupting a thread: never the thread that runs the hidden tests from one of the JDK's shared pool threads. */
    INTERRUPT
}
