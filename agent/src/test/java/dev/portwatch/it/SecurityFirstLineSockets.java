package dev.portwatch.it;

import java.io.Closeable;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * What deadlocked premain's first gate on JDK 25 with {@code tlsKeystore} set: {@code main}'s first line initialises
 * {@code java.security.Security} (whose NIO read of the security properties loads {@code SocketChannelImpl}) and
 * opens sockets, while a second thread opens sockets of its own at once. Then serves, holding them open: the ready
 * line gives their local ports ({@code listener}, {@code client}, {@code channelListener}, {@code datagramSocket})
 * and whether the bridge has a listener ({@code bridgeListening}).
 */
public final class SecurityFirstLineSockets extends Scenario {

    private static final List<Closeable> OPEN = new ArrayList<>();
    private static final StringBuilder PORTS = new StringBuilder();

    public static void main(String[] args) throws Exception {
        Thread other = new Thread(SecurityFirstLineSockets::otherThread, "other-first-sockets");
        other.start();
        Security.getProviders();
        ServerSocket listener = keep(new ServerSocket(0, 50, V4));
        Socket client = keep(new Socket(V4, listener.getLocalPort()));
        keep(listener.accept());
        other.join();
        port("listener", listener.getLocalPort());
        port("client", client.getLocalPort());
        new SecurityFirstLineSockets().serve();
    }

    private static void otherThread() {
        try {
            ServerSocketChannel channelListener = keep(ServerSocketChannel.open()
                    .bind(new InetSocketAddress(V4, 0)));
            keep(SocketChannel.open(channelListener.getLocalAddress()));
            keep(channelListener.accept());
            port("channelListener", ((InetSocketAddress) channelListener.getLocalAddress()).getPort());
            port("datagramSocket", keep(new DatagramSocket(0, V4)).getLocalPort());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void port(String name, int port) {
        PORTS.append(PORTS.length() == 0 ? "" : " ").append(name).append('=').append(port);
    }

    private static <T extends Closeable> T keep(T socket) {
        synchronized (OPEN) {
            OPEN.add(socket);
        }
        return socket;
    }

    /** Whether the bridge on the boot loader has a listener: false once a bad secret turned portwatch off. */
    private static boolean bridgeListening() {
        try {
            return (Boolean) Class.forName("dev.portwatch.bridge.Bridge", false, null).getMethod("isInstalled")
                    .invoke(null);
        } catch (ReflectiveOperationException noBridge) {
            return false;
        }
    }

    @Override
    protected String prepare() {
        return PORTS + " bridgeListening=" + bridgeListening();
    }
}
