package dev.portwatch.capture;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.table.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;

/** Reads the local and remote endpoint of any funnel's socket object; null when it has none or is closed. */
final class SocketAddresses {

    private final SocketImplFields implFields;
    private final SharedAddresses sharedAddresses = new SharedAddresses();

    SocketAddresses(SocketImplFields implFields) {
        this.implFields = implFields;
    }

    Endpoint local(int funnel, Object socket) {
        if (funnel == Bridge.NIO_SOCKET_IMPL) {
            InetAddress address = SocketImplFields.localAddress(socket);
            return address == null ? null
                    : new Endpoint(sharedAddresses.share(address), implFields.localPort(socket));
        }
        try {
            return Endpoint.of(((NetworkChannel) socket).getLocalAddress());
        } catch (IOException closed) {
            return null;
        }
    }

    Endpoint remote(int funnel, Object socket) {
        try {
            switch (funnel) {
                case Bridge.NIO_SOCKET_IMPL:
                    InetAddress address = implFields.remoteAddress(socket);
                    return address == null ? null : new Endpoint(address, implFields.remotePort(socket));
                case Bridge.SOCKET_CHANNEL:
                    return Endpoint.of(((SocketChannel) socket).getRemoteAddress());
                case Bridge.DATAGRAM_CHANNEL:
                    return Endpoint.of(((DatagramChannel) socket).getRemoteAddress());
                case Bridge.ASYNC_SOCKET_CHANNEL:
                    return Endpoint.of(((AsynchronousSocketChannel) socket).getRemoteAddress());
                default:
                    return null;
            }
        } catch (IOException closed) {
            return null;
        }
    }

    /** Whether an asynchronous channel is still open (its failed connects close it instead of throwing). */
    static boolean isOpen(Object channel) {
        return ((java.nio.channels.Channel) channel).isOpen();
    }
}
