package kit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Checks that bad input is rejected the way the contract says: {@code null} → {@link NullPointerException},
 * out of range → {@link IllegalArgumentException}.
 *
 * <p>Only the exception's type is graded, never the wording of its message (the contract's conventions): a
 * message that does not name the parameter earns a {@linkplain Hints hint}, not a failure. To report every
 * rejected-or-not call of a test at once, wrap the calls in {@code assertAll}.
 *
 * <p>For methods that return a {@link CompletableFuture}, a future that is already failed with the right
 * exception counts as well as a thrown one (both reject the input before any work starts).
 */
public final class BadArguments {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private BadArguments() {
    }

    /**
     * Calls {@code call} and fails the test unless it is rejected with {@code expected}; when the message does
     * not name {@code parameter} (case-insensitive; {@code null} for no advice), adds a hint that is not graded.
     *
     * @param scenario the call as a student would write it, e.g. {@code "fetchUrl(null, 100 ms)"}
     */
    public static void expect(Class<? extends RuntimeException> expected, String parameter, String scenario,
            Callable<?> call) {
        Throwable rejection;
        try {
            Object result = AllowedTime.within(LIMIT, scenario, "Check the arguments first, before anything else.", call);
            rejection = result instanceof CompletableFuture<?> && ((CompletableFuture<?>) result).isCompletedExceptionally()
                    ? AsyncResults.failureOfDone((CompletableFuture<?>) result)
                    : null;
            if (rejection == null) {
                fail(scenario + " should throw " + expected.getSimpleName() + ", but returned " + result
                        + ". Check the arguments first, before anything else.");
            }
        } catch (Exception e) {
            if (e instanceof UnsupportedOperationException && e.getMessage() != null && e.getMessage().startsWith("TODO")) {
                throw (UnsupportedOperationException) e; // a stub: reported as "not implemented yet"
            }
            rejection = e;
        }
        if (!expected.isInstance(rejection)) {
            fail(scenario + " should throw " + expected.getSimpleName() + ", but threw " + rejection
                    + ". Check the arguments first, before anything else.", rejection);
        }
        String message = rejection.getMessage();
        if (parameter != null && (message == null || !message.toLowerCase(Locale.ROOT).contains(parameter.toLowerCase(Locale.ROOT)))) {
            Hints.add(scenario + " threw " + expected.getSimpleName() + " as it should; its message "
                    + (message == null ? "is empty" : "\"" + message + "\" does not name the parameter") + ". Naming \""
                    + parameter + "\" helps whoever calls it, e.g. " + (rejection instanceof NullPointerException
                    ? "Objects.requireNonNull(" + parameter + ", \"" + parameter + "\")."
                    : "\"" + parameter + " must be …, but was …\"."));
        }
    }
}
