package kit.grader.child;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kit.grader.model.Task;
import kit.grader.sandbox.Guard;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.jupiter.engine.JupiterTestEngine;

/**
 * The main class of the test JVM the grader starts: runs hidden tests through the JUnit Platform Launcher
 * and reports the plan, each start and each result over a Unix-domain socket — never over standard output,
 * which the code under test can write to.
 *
 * <p>Arguments: the grader's socket and the class path entry holding the hidden tests. The first line of
 * standard input is the connection's token; it is read before any submitted code runs, and standard input
 * is then replaced by an empty stream.
 */
public final class ChildRunner {

    private static final int OUTPUT_CAP = 16 * 1024;

    private ChildRunner() {
    }

    public static void main(String[] args) {
        PrintStream realErr = System.err;
        try {
            run(Path.of(args[0]), Path.of(args[1]), realErr);
        } catch (EOFException closed) {
            // The grader is gone: nothing to report to.
        } catch (Throwable t) {
            realErr.println("test JVM: " + t);
            realErr.flush();
            Runtime.getRuntime().halt(3);
        }
        Runtime.getRuntime().halt(0);
    }

    private static void run(Path socketPath, Path hiddenRoot, PrintStream realErr) throws Exception {
        absoluteClassPath();
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        OutputCapture capture = new OutputCapture(OUTPUT_CAP);
        PrintStream captured = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        ThreadLimit.watch(realErr);
        Guard.protect(Thread.currentThread());

        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(socketPath));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(socket)));
        DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(socket)));
        Channel channel = new Channel(out);
        channel.hello(token);

        // Only the Jupiter engine, and nothing registered through META-INF/services: no other engine (ArchUnit's
        // would scan the class path) and no listener from a library can join in.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .build());
        List<String> hidden = HiddenTestIndex.scan(hiddenRoot);
        launcher.discover(LauncherDiscoveryRequestBuilder.request()
                .enableImplicitConfigurationParameters(false)
                .selectors(DiscoverySelectors.selectClass(ChildRunner.class))
                .build());

        while (true) {
            byte command = in.readByte();
            if (command == Protocol.EXIT) {
                return;
            }
            String task = Protocol.readString(in);
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .enableImplicitConfigurationParameters(false)
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
            boolean planOnly = false;
            if (command == Protocol.RUN_TASK) {
                planOnly = in.readBoolean();
                String prefix = Task.byId(task).map(t -> t.packageName() + ".").orElse("concurrency.");
                request.selectors(hidden.stream().filter(name -> name.startsWith(prefix))
                                .map(DiscoverySelectors::selectClass).toList())
                        .filters(TagFilter.includeTags("task:" + task));
            } else if (command == Protocol.RUN_TESTS) {
                int count = in.readInt();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    ids.add(Protocol.readString(in));
                }
                request.selectors(ids.stream().map(DiscoverySelectors::selectUniqueId).toList());
            } else {
                throw new IOException("unknown command " + command);
            }
            LauncherDiscoveryRequest built = request.build();
            TestPlan plan;
            try {
                plan = launcher.discover(built);
            } catch (RuntimeException | LinkageError e) {
                channel.problem(task, "the hidden tests could not be loaded: " + rootCause(e));
                channel.done(task, false);
                continue;
            }
            PlanListener listener = new PlanListener(plan, channel, capture);
            if (command == Protocol.RUN_TASK) {
                channel.plan(task, listener.units());
            }
            boolean busy = false;
            if (!planOnly) {
                capture.take();
                java.util.Set<Thread> before = LeftoverThreads.snapshot();
                launcher.execute(plan, listener);
                listener.finishUnreported();
                busy = LeftoverThreads.leftSince(before);
            }
            channel.done(task, busy);
        }
    }

    /**
     * Makes {@code java.class.path} absolute (the submission's classes are the relative entry {@code classes}),
     * so code under test that starts a JVM with the running class path works from any directory.
     */
    private static void absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
        }
        System.setProperty("java.class.path", String.join(java.io.File.pathSeparator, entries));
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
