package concurrency.shared;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;

/**
 * Watches the child processes of this JVM while a call runs: which ones appeared and how many were alive
 * at the same time. Processes that were already children before the call are ignored.
 */
final class ChildProcesses {

    /** What the watcher saw, and how the call ended. */
    record Observation(Set<Long> pids, int maxAtOnce, Map<Long, String> commands, Object result, Throwable failure,
            boolean finished, long millis) {

        /** The call's result, or what it threw. */
        Object resultOrThrow() throws Exception {
            if (failure instanceof Exception) {
                throw (Exception) failure;
            }
            if (failure != null) {
                throw (Error) failure;
            }
            return result;
        }
    }

    private ChildProcesses() {
    }

    /** The pids of this JVM's live children now. */
    static Set<Long> now() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Told after every sample how many new children are alive and how many were seen so far. */
    @FunctionalInterface
    interface Listener {
        void sampled(int alive, int seen, long millisSinceFirstSeen) throws Exception;
    }

    /** Runs {@code call} on a daemon thread and samples this JVM's children every ~2 ms until it ends. */
    static Observation watch(Callable<?> call, Duration limit) throws Exception {
        return watch(call, limit, (alive, seen, millis) -> { });
    }

    /** Like {@link #watch(Callable, Duration)}, telling {@code listener} about every sample. */
    static Observation watch(Callable<?> call, Duration limit, Listener listener) throws Exception {
        Set<Long> before = now();
        FutureTask<Object> task = new FutureTask<>(call::call);
        Thread runner = new Thread(task, "hidden-test-call");
        runner.setDaemon(true);
        Set<Long> seen = new HashSet<>();
        Map<Long, String> commands = new TreeMap<>();
        int maxAtOnce = 0;
        long firstSeen = 0;
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        runner.start();
        while (!task.isDone() && System.nanoTime() < deadline) {
            int alive = 0;
            for (ProcessHandle child : (Iterable<ProcessHandle>) ProcessHandle.current().children()::iterator) {
                if (before.contains(child.pid()) || !child.isAlive()) {
                    continue;
                }
                alive++;
                seen.add(child.pid());
                child.info().commandLine().ifPresent(line -> commands.put(child.pid(), line));
            }
            maxAtOnce = Math.max(maxAtOnce, alive);
            if (firstSeen == 0 && !seen.isEmpty()) {
                firstSeen = System.nanoTime();
            }
            listener.sampled(alive, seen.size(), firstSeen == 0 ? 0 : (System.nanoTime() - firstSeen) / 1_000_000);
            Thread.sleep(2);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!task.isDone()) {
            runner.interrupt();
            ProcessHandle.current().children().filter(child -> !before.contains(child.pid()))
                    .forEach(ProcessHandle::destroyForcibly);
            return new Observation(seen, maxAtOnce, commands, null, null, false, millis);
        }
        try {
            return new Observation(seen, maxAtOnce, commands, task.get(), null, true, millis);
        } catch (ExecutionException e) {
            return new Observation(seen, maxAtOnce, commands, null, e.getCause(), true, millis);
        }
    }
}
