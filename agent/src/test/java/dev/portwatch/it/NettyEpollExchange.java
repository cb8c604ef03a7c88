package dev.portwatch.it;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plain Netty on its epoll transport: a server that answers {@link #ANSWERED} bytes once it has read {@link #SENT},
 * and a client that sends them; both connections stay open. Also a connect to a closed port, and datagrams.
 */
final class NettyEpollExchange implements AutoCloseable {

    static final int SENT = 100;
    static final int ANSWERED = 40;

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final EventLoopGroup group;

    NettyEpollExchange() {
        Epoll.ensureAvailability();
        group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    }

    /** Opens a server and a client, moves the known bytes; answers the listener's and the client's ports. */
    String exchange() throws Exception {
        Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new Counting(SENT, null));
                    }
                }).bind(LOOPBACK, 0).sync().channel();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Channel client = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .handler(new Counting(ANSWERED, answered))
                .connect(server.localAddress()).sync().channel();
        client.writeAndFlush(Unpooled.wrappedBuffer(new byte[SENT])).sync();
        answered.get(20, TimeUnit.SECONDS);
        return "listener=" + ((InetSocketAddress) server.localAddress()).getPort()
                + " client=" + ((InetSocketAddress) client.localAddress()).getPort();
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

    /** Connects to {@code port}, where nothing listens; answers whether it failed with a ConnectException. */
    String refused(int port) throws Exception {
        ChannelFuture connect = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).connect(LOOPBACK, port).await();
        if (connect.isSuccess()) {
            throw new IllegalStateException("connected to " + port + ", which should be closed");
        }
        return "error=" + (connect.cause() instanceof ConnectException ? "ConnectException" : connect.cause());
    }

    @Override
    public void close() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }

    /** Reads until {@code expected} bytes came; a server side then answers {@link #ANSWERED} bytes. */
    private static final class Counting extends ChannelInboundHandlerAdapter {
        private final int expected;
        private final CompletableFuture<Void> done;
        private int received;

        Counting(int expected, CompletableFuture<Void> done) {
            this.expected = expected;
            this.done = done;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            received += bytes.readableBytes();
            bytes.release();
            if (received < expected) {
                return;
            }
            if (done == null) {
                context.writeAndFlush(Unpooled.wrappedBuffer(new byte[ANSWERED]));
            } else {
                done.complete(null);
            }
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }
}
