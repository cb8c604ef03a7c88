package dev.portwatch.it;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoRegistration;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link NettyTcpExchange} on Netty 4.2's io_uring transport. Fails if the kernel refuses io_uring. */
final class NettyIoUringExchange extends NettyTcpExchange {

    NettyIoUringExchange() {
        super(IoUring::ensureAvailability, IoUringIoHandler::newFactory, IoUringServerSocketChannel.class,
                IoUringSocketChannel.class);
    }

    /**
     * A listener on an event loop of its own, closed so that the kernel runs the close but the channel never reads
     * its completion, then the loop stopped. Netty's shutdown does this at times (it tears its ring down before
     * reading a close's completion); here it is certain: as the close is submitted, the channel's registration is
     * taken out of its ring's table, so its completion finds no channel. Answers the listener's port.
     */
    String unreadClose() throws Exception {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, IoUringIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(loop).channel(IoUringServerSocketChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter()).bind(LOOPBACK, 0).sync().channel();
            // Completes on the event loop right after the channel submitted its close, before the ring runs it.
            CompletableFuture<Void> unregistered = new CompletableFuture<>();
            server.closeFuture().addListener(closed -> {
                try {
                    unregister(server);
                    unregistered.complete(null);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    unregistered.completeExceptionally(e);
                }
            });
            // Not awaited: the close's promise waits for the completion that never comes.
            server.close();
            unregistered.get(10, TimeUnit.SECONDS);
            return "listener=" + ((InetSocketAddress) server.localAddress()).getPort();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /** Takes the channel's registration out of its io_uring handler's table, as if the channel were gone. */
    private static void unregister(Channel channel) throws ReflectiveOperationException {
        IoRegistration registration = (IoRegistration) field(channel, "registration");
        Object handler = registration.attachment();
        // The event loop wraps the handler's own registration, which the handler's table holds.
        Object own = field(registration, "registration");
        if (!((Map<?, ?>) field(handler, "registrations")).values().remove(own)) {
            throw new IllegalStateException("no registration " + registration + " in " + handler);
        }
    }

    /** A private field of Netty's, declared by the object's class or one above it. */
    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException notHere) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }
}
