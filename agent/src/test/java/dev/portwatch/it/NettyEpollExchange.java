package dev.portwatch.it;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link NettyTcpExchange} on Netty's epoll transport, plus what only epoll is used for here: datagrams, and a socket
 * collected unclosed.
 */
final class NettyEpollExchange extends NettyTcpExchange {

    NettyEpollExchange() {
        super(Epoll::ensureAvailability, EpollIoHandler::newFactory, EpollServerSocketChannel.class,
                EpollSocketChannel.class);
    }

    /**
     * Two epoll datagram sockets on loopback: one bound only, one connected to it that sends {@link #SENT} bytes,
     * which the first receives. Answers both ports.
     */
    String datagrams() throws Exception {
        CompletableFuture<Void> received = new CompletableFuture<>();
        Channel peer = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext context, Object message) {
                        ReferenceCountUtil.release(message);
                        received.complete(null);
                    }
                }).bind(LOOPBACK, 0).sync().channel();
        Channel connected = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).bind(LOOPBACK, 0).sync().channel();
        connected.connect(peer.localAddress()).sync();
        connected.writeAndFlush(Unpooled.wrappedBuffer(new byte[SENT])).sync();
        received.get(20, TimeUnit.SECONDS);
        return "peer=" + ((InetSocketAddress) peer.localAddress()).getPort()
                + " connected=" + ((InetSocketAddress) connected.localAddress()).getPort();
    }

    /**
     * A socket of Netty's own, listening, that nothing refers to any more and nothing closed (what a channel that
     * never reached an event loop leaves), then collected; answers its port.
     */
    String leak() throws Exception {
        LinuxSocket socket = LinuxSocket.newSocketStream();
        socket.bind(new InetSocketAddress(LOOPBACK, 0));
        socket.listen(1);
        int port = socket.localAddress().getPort();
        socket = null;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return "leaked=" + port;
    }
}
