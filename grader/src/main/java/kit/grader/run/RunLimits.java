package kit.grader.run;

import java.util.List;

/**
 * The hard limits of one submission's test run.
 *
 * @param testMillis a test running longer is stopped by killing its JVM
 * @param submissionMillis all of a submission's tests must finish within this wall time
 * @param jvms how many test JVMs run one submission's tasks at once
 * @param jvmOptions the test JVM's options
 */
public record RunLimits(long testMillis, long submissionMillis, int jvms, List<String> jvmOptions) {

    /** Heap of a test JVM. */
    public static final String HEAP = "-Xmx256m";

    /**
     * The test JVM's options: three processors (fixed, so checks of pool sizes agree everywhere), a small heap and
     * settings that start fast and use little memory.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:ActiveProcessorCount=3",
            HEAP,
            "-Xss1m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-XX:-UsePerfData",
            "-Dfile.encoding=UTF-8",
            "-Djava.awt.headless=true");

    public RunLimits {
        jvmOptions = List.copyOf(jvmOptions);
    }
}
