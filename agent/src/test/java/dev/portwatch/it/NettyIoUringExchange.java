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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.2's io_uring transport: a server that answers once it has read {@link NettyEpollExchange#SENT} bytes and a
 * client that sends them; both connections stay open. Also a connect to a closed port. Fails if the kernel refuses
 * io_uring.
 */
final class NettyIoUringExchange implements AutoCloseable {

    private final EventLoopGroup group;

    NettyIoUringExchange() {
        IoUring.ensureAvailability();
        group = new MultiThreadIoEventLoopGroup(2, IoUringIoHandler.newFactory());
    }

    /** Answers the listener's and the client's ports. */
    String exchange() throws Exception {
        Channel server = new ServerBootstrap().group(group).channel(IoUringServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext context, Object message) {
                                ((ByteBuf) message).release();
                                context.writeAndFlush(Unpooled.wrappedBuffer(new byte[NettyEpollExchange.ANSWERED]));
                            }
                        });
                    }
                }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Channel client = new Bootstrap().group(group).channel(IoUringSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext context, Object message) {
                        ((ByteBuf) message).release();
                        answered.complete(null);
                    }
                }).connect(server.localAddress()).sync().channel();
        client.writeAndFlush(Unpooled.wrappedBuffer(new byte[NettyEpollExchange.SENT])).sync();
        answered.get(20, TimeUnit.SECONDS);
        return "listener=" + ((InetSocketAddress) server.localAddress()).getPort()
                + " client=" + ((InetSocketAddress) client.localAddress()).getPort();
    }

    /** Connects to {@code port}, where nothing listens; answers whether it failed with a ConnectException. */
    String refused(int port) throws Exception {
        ChannelFuture connect = new Bootstrap().group(group).channel(IoUringSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).connect(InetAddress.getLoopbackAddress(), port).await();
        if (connect.isSuccess()) {
            throw new IllegalStateException("connected to " + port + ", which should be closed");
        }
        return "error=" + (connect.cause() instanceof ConnectException ? "ConnectException" : connect.cause());
    }

    @Override
    public void close() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
}
