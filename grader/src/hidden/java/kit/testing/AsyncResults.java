package kit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for the futures a student's asynchronous code returns, with failure messages in the
 * house style: a future that never completes becomes a failure naming the scenario, never a hang.
 */
public final class AsyncResults {

    private AsyncResults() {
    }

    /**
     * Returns the value of {@code future}, waiting at most {@code limit}; fails the test when it is still
     * running then, or when it failed.
     *
     * @param scenario what was done, e.g. {@code "gather of 3 stages"}
     * @param hint one sentence for the student, shown when the limit is exceeded
     */
    public static <T> T value(CompletableFuture<T> future, Duration limit, String scenario, String hint)
            throws InterruptedException {
        if (future == null) {
            return fail(scenario + " should return a future, but returned null. Return a CompletableFuture.");
        }
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return fail(scenario + " should complete within " + AllowedTime.seconds(limit)
                    + ", but its future was still running then. " + hint);
        } catch (ExecutionException e) {
            rethrowTodo(e.getCause());
            return fail(scenario + " should complete normally, but its future failed with " + e.getCause()
                    + ". " + hint, e.getCause());
        } catch (CancellationException e) {
            return fail(scenario + " should complete normally, but its future was cancelled. " + hint);
        }
    }

    /**
     * Returns the exception {@code future} failed with — the cause of the {@code CompletionException}
     * that its {@code join()} throws — waiting at most {@code limit}; fails the test when it is still
     * running then, or when it completed normally.
     */
    public static Throwable failure(CompletableFuture<?> future, Duration limit, String scenario, String hint)
            throws InterruptedException {
        if (future == null) {
            return fail(scenario + " should return a future, but returned null. Return a CompletableFuture.");
        }
        Object value;
        try {
            value = future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return fail(scenario + " should fail within " + AllowedTime.seconds(limit)
                    + ", but its future was still running then. " + hint);
        } catch (ExecutionException | CancellationException e) {
            return failureOfDone(future);
        }
        return fail(scenario + " should fail, but its future completed normally with " + value + ". " + hint);
    }

    /** For a future that is done: the exception its {@code join()} reports as cause, or {@code null} if it succeeded. */
    public static Throwable failureOfDone(CompletableFuture<?> future) {
        try {
            future.getNow(null);
            return null;
        } catch (CompletionException e) {
            rethrowTodo(e.getCause());
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    /** Waits up to {@code limit} until {@code condition} holds; returns whether it does. */
    public static boolean eventually(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** A stub's {@code UnsupportedOperationException("TODO…")} inside a future is reported as itself. */
    private static void rethrowTodo(Throwable cause) {
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null
                    && t.getMessage().startsWith("TODO")) {
                throw (UnsupportedOperationException) t;
            }
        }
    }
}
