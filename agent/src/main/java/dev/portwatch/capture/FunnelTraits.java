package dev.portwatch.capture;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.table.Transport;

/** What the capture needs to know about each funnel: its transport, its API name, and how the JDK cleans it up. */
final class FunnelTraits {

    private FunnelTraits() {}

    static Transport transport(int funnel) {
        return funnel == Bridge.DATAGRAM_CHANNEL ? Transport.UDP : Transport.TCP;
    }

    /** The public API a funnel's sockets come from when no frame on the stack says more. */
    static String defaultApi(int funnel, boolean listener) {
        switch (funnel) {
            case Bridge.NIO_SOCKET_IMPL:
                return listener ? "ServerSocket" : "Socket";
            case Bridge.SOCKET_CHANNEL:
                return "SocketChannel";
            case Bridge.SERVER_SOCKET_CHANNEL:
                return "ServerSocketChannel";
            case Bridge.DATAGRAM_CHANNEL:
                return "DatagramChannel";
            case Bridge.ASYNC_SOCKET_CHANNEL:
                return "AsynchronousSocketChannel";
            case Bridge.ASYNC_SERVER_SOCKET_CHANNEL:
                return "AsynchronousServerSocketChannel";
            default:
                return "unknown";
        }
    }

    /**
     * Whether the JDK closes the descriptor when the socket object is collected unclosed: {@code NioSocketImpl} and
     * {@code DatagramChannelImpl} register cleaners; stream and asynchronous channels do not.
     */
    static boolean closedByJdkWhenCollected(int funnel) {
        return funnel == Bridge.NIO_SOCKET_IMPL || funnel == Bridge.DATAGRAM_CHANNEL;
    }
}
