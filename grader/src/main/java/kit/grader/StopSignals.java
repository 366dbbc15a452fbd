package kit.grader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a clean stop of a class run while it is installed: the first signal
 * calls {@code onStop} (which stops starting submissions and interrupts the running ones) and the run then
 * returns normally, prints how to resume and exits with status 3. A second signal gives up waiting and exits
 * at once (status 3 too); the shutdown hooks still kill every test JVM and compiler left.
 *
 * <p>Why a signal handler and not only a shutdown hook: a shutdown hook runs after the JVM has decided to
 * exit, concurrently with the other hooks (those that kill the test JVMs), and cannot choose the exit status.
 * Handling the signal keeps the JVM alive until the finished results are flushed and lets the run end with
 * its own documented status; the shutdown hooks then find nothing left to kill. {@code sun.misc.Signal} is in
 * the {@code jdk.unsupported} module, which every JDK ships; where a signal cannot be handled (e.g. Windows
 * has no SIGTERM) it is left to the JVM's default, the shutdown hooks.
 */
final class StopSignals implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final AtomicReference<String> received = new AtomicReference<>();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {
    }

    /** Installs the handlers; {@link #close()} puts the previous ones back. */
    static StopSignals install(Runnable onStop) {
        StopSignals stop = new StopSignals();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler old = Signal.handle(signal, s -> {
                    if (stop.received.compareAndSet(null, s.getName())) {
                        new Thread(onStop, "grader-stop").start();
                    } else {
                        new Thread(() -> System.exit(Main.EXIT_INTERRUPTED), "grader-stop-now").start();
                    }
                });
                stop.signals.add(signal);
                stop.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // this platform does not deliver it (or the JVM reserves it): the default applies
            }
        }
        return stop;
    }

    /** The name of the signal received ("INT", "TERM"), or null. */
    String received() {
        return received.get();
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
