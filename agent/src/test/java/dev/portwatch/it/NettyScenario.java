package dev.portwatch.it;

import dev.portwatch.it.unknownnetty.io.netty.channel.unix.Socket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Sockets that never touch the JDK's socket classes: Netty's epoll transport ({@code epoll}, {@code datagrams},
 * {@code refused <port>}, {@code leak}), Reactor Netty's HTTP server and client ({@code reactor}) and gRPC-Java over
 * its relocated copy of Netty ({@code grpc}), and Netty's io_uring transport ({@code io_uring},
 * {@code io_uring-refused <port>}, {@code io_uring-unread-close}: a listener's close whose completion is never
 * read before its event loop stops, with its jar on the class path). Each command answers the ports it opened;
 * {@code close} closes everything. {@code unknown-version} uses a class shaped like no Netty release but named like
 * its socket class.
 */
public final class NettyScenario extends Scenario {

    private final List<AutoCloseable> open = new ArrayList<>();
    private NettyEpollExchange epoll;
    private NettyIoUringExchange ioUring;

    private NettyScenario() {
        on("epoll", args -> epoll().exchange());
        on("datagrams", args -> epoll().datagrams());
        on("leak", args -> epoll().leak());
        on("refused", args -> epoll().refused(Integer.parseInt(args[0])));
        on("reactor", args -> opened(new ReactorNettyExchange()).exchange());
        on("grpc", args -> opened(new GrpcExchange()).exchange());
        on("io_uring", args -> ioUring().exchange());
        on("io_uring-refused", args -> ioUring().refused(Integer.parseInt(args[0])));
        on("io_uring-unread-close", args -> ioUring().unreadClose());
        on("unknown-version", args -> {
            Socket socket = new Socket(7);
            socket.bind(new InetSocketAddress(0));
            return socket;
        });
        on("close", this::closeAll);
    }

    public static void main(String[] args) throws Exception {
        new NettyScenario().serve();
    }

    private NettyEpollExchange epoll() {
        if (epoll == null) {
            epoll = opened(new NettyEpollExchange());
        }
        return epoll;
    }

    private NettyIoUringExchange ioUring() {
        if (ioUring == null) {
            ioUring = opened(new NettyIoUringExchange());
        }
        return ioUring;
    }

    private <T extends AutoCloseable> T opened(T exchange) {
        open.add(exchange);
        return exchange;
    }

    private void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        open.clear();
        epoll = null;
        ioUring = null;
    }
}
