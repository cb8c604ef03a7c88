package dev.portwatch.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Netty's epoll transport on loopback, what an application pays per connect and per write: run once as it is and
 * once with the agent ({@code -jvmArgsAppend -javaagent:agent/target/portwatch-agent.jar=port=0}), see
 * docs/benchmarks.md. The server discards what it reads.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NettyEpollBench extends HotPathBench {

    private static final int WRITTEN = 100;

    private EventLoopGroup group;
    private Channel server;
    private Channel client;
    private Bootstrap clients;
    private ByteBuf bytes;

    @Setup
    public void start() throws InterruptedException {
        Epoll.ensureAvailability();
        group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new Discard());
                    }
                }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        clients = new Bootstrap().group(group).channel(EpollSocketChannel.class).handler(new Discard());
        client = clients.connect(server.localAddress()).sync().channel();
        bytes = Unpooled.unreleasableBuffer(Unpooled.directBuffer(WRITTEN).writeZero(WRITTEN));
    }

    @TearDown
    public void stop() throws InterruptedException {
        client.close().sync();
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** A connect to the local server, the accept behind it, and the close: a row opened and closed each side. */
    @Benchmark
    public void connectAndClose() throws InterruptedException {
        clients.connect(server.localAddress()).sync().channel().close().sync();
    }

    /** One write of 100 bytes on an open connection, waited for: the event loop's write system call. */
    @Benchmark
    public void write() throws InterruptedException {
        client.writeAndFlush(bytes.duplicate()).sync();
    }

    /** Reads and drops what arrives. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ReferenceCountUtil.release(message);
        }
    }
}
