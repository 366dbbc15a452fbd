package concurrency.counter;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.channels.SocketChannel;

final class Attack {
    /** The loopback ports AttacksTest may listen on (the first free one). */
    static final int[] PORTS = {47311, 47312, 47313, 47314, 47315, 47316, 47317, 47318};

    static void onLoad() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Probe.refused("Socket to the test's loopback port", () -> {
            for (int port : PORTS) {
                try {
                    return new Socket(loopback, port);
                } catch (java.io.IOException e) {
                    // try the next one
                }
            }
            return "no port open";
        });
        Probe.refused("Socket to the grader's result server", () -> {
            String[] args = ProcessHandle.current().info().arguments().orElse(new String[0]);
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("kit.grader.child.ChildRunner")) {
                    return SocketChannel.open(java.net.UnixDomainSocketAddress.of(args[i + 1]));
                }
            }
            return "no port found";
        });
        Probe.refused("URL.openStream on the test's loopback port",
                () -> new URL("http://127.0.0.1:" + PORTS[0] + "/").openStream());
        Probe.refused("SocketChannel.open to the test's loopback port",
                () -> SocketChannel.open(new InetSocketAddress(loopback, PORTS[0])));
        Probe.refused("DatagramSocket on loopback", () -> new DatagramSocket(0, loopback));
        Probe.refused("ServerSocket on loopback", () -> new ServerSocket(0, 1, loopback));
        // Name lookups go to the resolver (a DNS query can carry data out); "localhost" stays in /etc/hosts.
        Probe.refused("InetAddress.getByName (a name lookup)", () -> InetAddress.getByName("localhost"));
        Probe.refused("InetAddress.isReachable on loopback", () -> loopback.isReachable(100));
    }

    static void inRunThreads(int perThread) {
    }
}
