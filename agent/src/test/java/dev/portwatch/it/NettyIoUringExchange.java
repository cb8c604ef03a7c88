package dev.portwatch.it;

import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/** {@link NettyTcpExchange} on Netty 4.2's io_uring transport. Fails if the kernel refuses io_uring. */
final class NettyIoUringExchange extends NettyTcpExchange {

    NettyIoUringExchange() {
        super(IoUring::ensureAvailability, IoUringIoHandler::newFactory, IoUringServerSocketChannel.class,
                IoUringSocketChannel.class);
    }
}
