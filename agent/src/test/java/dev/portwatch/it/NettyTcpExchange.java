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
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Netty native transport's TCP exchange: a server that answers {@link #ANSWERED} bytes once it has read
 * {@link #SENT}, and a client that sends them; both connections stay open. Also a connect to a closed port. The
 * transports differ only in their event loops' I/O handler and their channel classes.
 */
abstract class NettyTcpExchange implements AutoCloseable {

    static final int SENT = 100;
    static final int ANSWERED = 40;

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final EventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends Channel> clientChannel;

    /**
     * Checks the transport's availability before making its handlers, so that a kernel or platform without it fails
     * with Netty's reason rather than an error of the event loops.
     */
    NettyTcpExchange(Runnable ensureAvailability, Supplier<IoHandlerFactory> handlers,
                     Class<? extends ServerChannel> serverChannel, Class<? extends Channel> clientChannel) {
        ensureAvailability.run();
        this.group = new MultiThreadIoEventLoopGroup(2, handlers.get());
        this.serverChannel = serverChannel;
        this.clientChannel = clientChannel;
    }

    /** Opens a server and a client, moves the known bytes; answers the listener's and the client's ports. */
    final String exchange() throws Exception {
        Channel server = new ServerBootstrap().group(group).channel(serverChannel)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new Counting(SENT, null));
                    }
                }).bind(LOOPBACK, 0).sync().channel();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Channel client = new Bootstrap().group(group).channel(clientChannel)
                .handler(new Counting(ANSWERED, answered))
                .connect(server.localAddress()).sync().channel();
        client.writeAndFlush(Unpooled.wrappedBuffer(new byte[SENT])).sync();
        answered.get(20, TimeUnit.SECONDS);
        return "listener=" + ((InetSocketAddress) server.localAddress()).getPort()
                + " client=" + ((InetSocketAddress) client.localAddress()).getPort();
    }

    /** Connects to {@code port}, where nothing listens; answers whether it failed with a ConnectException. */
    final String refused(int port) throws Exception {
        ChannelFuture connect = new Bootstrap().group(group).channel(clientChannel)
                .handler(new ChannelInboundHandlerAdapter()).connect(LOOPBACK, port).await();
        if (connect.isSuccess()) {
            throw new IllegalStateException("connected to " + port + ", which should be closed");
        }
        return "error=" + (connect.cause() instanceof ConnectException ? "ConnectException" : connect.cause());
    }

    @Override
    public final void close() throws InterruptedException {
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
