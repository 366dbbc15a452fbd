package kit.grader.run;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import kit.grader.child.ChannelStreams;
import kit.grader.child.Protocol;

/**
 * The Unix-domain socket test JVMs report to. Each test JVM gets a random token on its standard input and
 * must present it first; a connection with an unknown token, or a second one with a used token, is closed.
 *
 * <p>A Unix-domain socket rather than a loopback port: a sandboxed test JVM has a network namespace of its own,
 * whose loopback does not reach the grader's, but the socket's directory can be bound into its sandbox (read-only
 * is enough to connect). Standard input and output were not an option: output is inherited by the processes a
 * submission starts and written by native code the guard cannot see. The token still decides who may report;
 * the directory is the grader user's own ({@code rwx------}) outside a sandbox.
 */
public final class ChildServer implements AutoCloseable {

    private static final int HANDSHAKE_MILLIS = 5_000;

    private final Path directory;
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final Map<String, CompletableFuture<SocketChannel>> expected = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final java.util.Set<SocketChannel> handshaken = ConcurrentHashMap.newKeySet();

    public ChildServer() throws IOException {
        directory = Files.createTempDirectory("kit-grader-channel-");
        socketPath = directory.resolve("channel");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath), 100);
        Thread acceptor = new Thread(this::acceptLoop, "grader-child-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The socket test JVMs connect to. */
    public Path socketPath() {
        return socketPath;
    }

    /** The directory holding the socket, to bind into a sandbox. */
    public Path directory() {
        return directory;
    }

    /** A new token, and the connection that will present it. */
    public Registration register() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        CompletableFuture<SocketChannel> socket = new CompletableFuture<>();
        expected.put(token, socket);
        return new Registration(token, socket);
    }

    /** Forgets a token that will not be used (its JVM died). */
    public void cancel(String token) {
        CompletableFuture<SocketChannel> socket = expected.remove(token);
        if (socket != null) {
            socket.cancel(false);
        }
    }

    /**
     * A token and its connection.
     *
     * @param token what the test JVM must present
     * @param socket completes with the connection that presented it
     */
    public record Registration(String token, CompletableFuture<SocketChannel> socket) {
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel socket = server.accept();
                Thread handshake = new Thread(() -> handshake(socket), "grader-child-handshake");
                handshake.setDaemon(true);
                handshake.start();
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private void handshake(SocketChannel socket) {
        // A connection that says nothing is dropped after HANDSHAKE_MILLIS (channels have no read timeout).
        CompletableFuture.delayedExecutor(HANDSHAKE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
            if (!handshaken.remove(socket)) {
                closeQuietly(socket);
            }
        });
        try {
            DataInputStream in = new DataInputStream(ChannelStreams.in(socket));
            if (in.readByte() != Protocol.HELLO) {
                socket.close();
                return;
            }
            String token = Protocol.readString(in);
            CompletableFuture<SocketChannel> waiting = expected.remove(token);
            if (waiting == null) {
                socket.close();
                return;
            }
            handshaken.add(socket);
            if (!waiting.complete(socket)) {
                socket.close();
            }
        } catch (IOException e) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socketPath);
        Files.deleteIfExists(directory);
    }
}
