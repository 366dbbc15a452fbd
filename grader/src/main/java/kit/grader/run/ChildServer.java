package kit.grader.run;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import kit.grader.child.Protocol;

/**
 * The loopback socket test JVMs report to. Each test JVM gets a random token on its standard input and
 * must present it first; a connection with an unknown token, or a second one with a used token, is closed.
 */
public final class ChildServer implements AutoCloseable {

    private static final int HANDSHAKE_MILLIS = 5_000;

    private final ServerSocket server;
    private final Map<String, CompletableFuture<Socket>> expected = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public ChildServer() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "grader-child-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port test JVMs connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** A new token, and the connection that will present it. */
    public Registration register() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        CompletableFuture<Socket> socket = new CompletableFuture<>();
        expected.put(token, socket);
        return new Registration(token, socket);
    }

    /** Forgets a token that will not be used (its JVM died). */
    public void cancel(String token) {
        CompletableFuture<Socket> socket = expected.remove(token);
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
    public record Registration(String token, CompletableFuture<Socket> socket) {
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handshake = new Thread(() -> handshake(socket), "grader-child-handshake");
                handshake.setDaemon(true);
                handshake.start();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void handshake(Socket socket) {
        try {
            socket.setSoTimeout(HANDSHAKE_MILLIS);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            if (in.readByte() != Protocol.HELLO) {
                socket.close();
                return;
            }
            String token = Protocol.readString(in);
            CompletableFuture<Socket> waiting = expected.remove(token);
            if (waiting == null) {
                socket.close();
                return;
            }
            socket.setSoTimeout(0);
            if (!waiting.complete(socket)) {
                socket.close();
            }
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
