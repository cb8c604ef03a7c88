package dev.portwatch.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.portwatch.funnel.Funnel;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK classes every TCP and UDP socket goes through on JDK 17 to 25, and the library classes that bypass them
 * (Netty's native sockets), each with its {@link Funnel}, and what portwatch weaves into each.
 * Measured, not guessed: the integration tests drive every public socket API on each JDK and check the kernel
 * agrees. Methods are matched by name and argument count (or types where overloads nest, as the datagram
 * {@code connect} does), so a signature that differs between JDK releases still matches.
 */
final class FunnelWeaving {

    private FunnelWeaving() {}

    static final List<WovenClass> ALL = List.of(
            new WovenClass("sun.nio.ch.NioSocketImpl", Funnel.NIO_SOCKET_IMPL, "Socket and ServerSocket", List.of(
                    method("connect(SocketAddress,int)", named("connect").and(takesArguments(2))
                            .and(takesArgument(0, java.net.SocketAddress.class)), FunnelAdvice.ConnectCompleting.class),
                    method("bind(InetAddress,int)", named("bind").and(takesArguments(2)),
                            FunnelAdvice.BindAddressAndPort.class),
                    method("listen(int)", named("listen").and(takesArguments(1)), FunnelAdvice.Listen.class),
                    method("accept(SocketImpl)", named("accept").and(takesArguments(1)),
                            FunnelAdvice.AcceptIntoArgument.class),
                    method("close()", named("close").and(takesArguments(0)), FunnelAdvice.Close.class),
                    reads("read(byte[],int,int)", named("read").and(takesArguments(3)), FunnelAdvice.Transfer.class),
                    writes("implWrite(byte[],int,int)", named("implWrite").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class))).tapping(CallTap.LOCAL_ADDRESS),
            new WovenClass("sun.nio.ch.SocketChannelImpl", Funnel.SOCKET_CHANNEL, "SocketChannel and its socket()",
                    List.of(
                    method("bind(SocketAddress)", bindOf(1), FunnelAdvice.Bind.class),
                    method("connect(SocketAddress)", named("connect").and(takesArguments(1)),
                            FunnelAdvice.ConnectReturningStatus.class),
                    method("blockingConnect(SocketAddress,long)", named("blockingConnect").and(takesArguments(2)),
                            FunnelAdvice.ConnectCompleting.class),
                    method("finishConnect()", named("finishConnect").and(takesArguments(0)),
                            FunnelAdvice.FinishConnectReturningStatus.class),
                    method("implCloseSelectableChannel()", named("implCloseSelectableChannel"),
                            FunnelAdvice.Close.class),
                    reads("read(ByteBuffer[,int,int])", named("read"), FunnelAdvice.Transfer.class),
                    reads("tryRead(byte[],int,int)", named("tryRead"), FunnelAdvice.Transfer.class),
                    writes("write(ByteBuffer[,int,int])", named("write"), FunnelAdvice.Transfer.class),
                    writes("tryWrite(byte[],int,int)", named("tryWrite"), FunnelAdvice.Transfer.class))),
            new WovenClass("sun.nio.ch.ServerSocketChannelImpl", Funnel.SERVER_SOCKET_CHANNEL,
                    "ServerSocketChannel and its socket()", List.of(
                    method("bind(SocketAddress,int)", bindOf(2), FunnelAdvice.BindAndListen.class),
                    method("finishAccept(FileDescriptor,SocketAddress)", named("finishAccept"),
                            FunnelAdvice.AcceptReturned.class),
                    method("implCloseSelectableChannel()", named("implCloseSelectableChannel"),
                            FunnelAdvice.Close.class))),
            new WovenClass("sun.nio.ch.DatagramChannelImpl", Funnel.DATAGRAM_CHANNEL,
                    "DatagramSocket, MulticastSocket and DatagramChannel", List.of(
                    method("bindInternal(SocketAddress)", named("bindInternal"), FunnelAdvice.Bind.class),
                    method("connect(SocketAddress,boolean)", named("connect").and(takesArguments(2)),
                            FunnelAdvice.ConnectCompleting.class),
                    method("disconnect()", named("disconnect").and(not(isBridge())), FunnelAdvice.Disconnect.class),
                    method("implCloseSelectableChannel()", named("implCloseSelectableChannel"),
                            FunnelAdvice.Close.class),
                    reads("receive(ByteBuffer,boolean)", named("receive").and(takesArguments(2)),
                            FunnelAdvice.Transfer.class),
                    writes("send(ByteBuffer,SocketAddress)", named("send").and(takesArguments(2)),
                            FunnelAdvice.Transfer.class),
                    reads("read(ByteBuffer[,int,int])", named("read"), FunnelAdvice.Transfer.class),
                    writes("write(ByteBuffer[,int,int])", named("write"), FunnelAdvice.Transfer.class))),
            new WovenClass("sun.nio.ch.AsynchronousServerSocketChannelImpl", Funnel.ASYNC_SERVER_SOCKET_CHANNEL,
                    "AsynchronousServerSocketChannel", List.of(
                    method("bind(SocketAddress,int)", bindOf(2), FunnelAdvice.BindAndListen.class),
                    method("close()", named("close").and(takesArguments(0)), FunnelAdvice.Close.class))),
            new WovenClass("sun.nio.ch.UnixAsynchronousServerSocketChannelImpl", Funnel.ASYNC_SERVER_SOCKET_CHANNEL,
                    "AsynchronousServerSocketChannel accepts", List.of(
                    // (FileDescriptor,InetSocketAddress,AccessControlContext) on 17, without the context on 25.
                    method("finishAccept(...)", named("finishAccept"), FunnelAdvice.AcceptReturned.class))),
            new WovenClass("sun.nio.ch.AsynchronousSocketChannelImpl", Funnel.ASYNC_SOCKET_CHANNEL,
                    "AsynchronousSocketChannel", List.of(
                    method("bind(SocketAddress)", bindOf(1), FunnelAdvice.Bind.class),
                    method("close()", named("close").and(takesArguments(0)), FunnelAdvice.Close.class))),
            new WovenClass("sun.nio.ch.UnixAsynchronousSocketChannelImpl", Funnel.ASYNC_SOCKET_CHANNEL,
                    "AsynchronousSocketChannel connects, reads and writes", List.of(
                    method("implConnect(SocketAddress,Object,CompletionHandler)", named("implConnect"),
                            FunnelAdvice.ConnectUndecided.class),
                    method("finishConnect(boolean)", named("finishConnect").and(takesArguments(1)),
                            FunnelAdvice.FinishConnectUndecided.class),
                    reads("implRead(boolean,ByteBuffer,ByteBuffer[],long,TimeUnit,Object,CompletionHandler)",
                            named("implRead").and(takesArguments(7)), FunnelAdvice.AsyncTransfer.class),
                    reads("finishRead(boolean)", named("finishRead").and(takesArguments(1)),
                            FunnelAdvice.AsyncTransferDone.class).withPendingFuture("readFuture"),
                    writes("implWrite(boolean,ByteBuffer,ByteBuffer[],long,TimeUnit,Object,CompletionHandler)",
                            named("implWrite").and(takesArguments(7)), FunnelAdvice.AsyncTransfer.class),
                    writes("finishWrite(boolean)", named("finishWrite").and(takesArguments(1)),
                            FunnelAdvice.AsyncTransferDone.class).withPendingFuture("writeFuture"))),
            // Netty's native transports (4.1 and 4.2, any relocated copy): one socket class for epoll and kqueue,
            // whose system calls are JNI calls of its own.
            new WovenClass("io.netty.channel.unix.Socket", Funnel.NETTY_EPOLL, "Netty's native sockets", List.of(
                    method("Socket(int)", isConstructor().and(takesArguments(1)).and(takesArgument(0, int.class)),
                            FunnelAdvice.Wrap.class),
                    method("bind(SocketAddress)", named("bind").and(takesArguments(1)), FunnelAdvice.Bind.class),
                    method("listen(int)", named("listen").and(takesArguments(1)), FunnelAdvice.Listen.class),
                    method("connect(SocketAddress)", named("connect").and(takesArguments(1)),
                            FunnelAdvice.ConnectReturningStatus.class),
                    method("finishConnect()", named("finishConnect").and(takesArguments(0)),
                            FunnelAdvice.FinishConnectReturningStatus.class),
                    method("disconnect()", named("disconnect").and(takesArguments(0)),
                            FunnelAdvice.Disconnect.class),
                    method("accept(byte[])", named("accept").and(takesArguments(1)),
                            FunnelAdvice.AcceptDescriptor.class),
                    // The overloads without fastOpen call these: weaving both would count twice.
                    writes("sendTo(ByteBuffer,int,int,InetAddress,int,boolean)",
                            named("sendTo").and(takesArguments(6)), FunnelAdvice.Transfer.class),
                    writes("sendToAddress(long,int,int,InetAddress,int,boolean)",
                            named("sendToAddress").and(takesArguments(6)), FunnelAdvice.Transfer.class),
                    writes("sendToAddresses(long,int,InetAddress,int,boolean)",
                            named("sendToAddresses").and(takesArguments(5)), FunnelAdvice.Transfer.class),
                    writes("send(ByteBuffer,int,int)", named("send").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class),
                    writes("sendAddress(long,int,int)", named("sendAddress").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class),
                    reads("recv(ByteBuffer,int,int)", named("recv").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class),
                    reads("recvAddress(long,int,int)", named("recvAddress").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class)), true),
            new WovenClass("io.netty.channel.unix.FileDescriptor", Funnel.NETTY_EPOLL,
                    "Netty's native sockets: closes, reads and writes", List.of(
                    method("close()", named("close").and(takesArguments(0)), FunnelAdvice.Close.class),
                    writes("write(ByteBuffer,int,int)", named("write").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class),
                    writes("writeAddress(long,int,int)", named("writeAddress").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class),
                    writes("writev(ByteBuffer[],int,int,long)", named("writev").and(takesArguments(4)),
                            FunnelAdvice.Transfer.class),
                    writes("writevAddresses(long,int)", named("writevAddresses").and(takesArguments(2)),
                            FunnelAdvice.Transfer.class),
                    reads("read(ByteBuffer,int,int)", named("read").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class),
                    reads("readAddress(long,int,int)", named("readAddress").and(takesArguments(3)),
                            FunnelAdvice.Transfer.class)), true),
            new WovenClass("io.netty.channel.epoll.LinuxSocket", Funnel.NETTY_EPOLL, "Netty epoll's file regions",
                    List.of(writes("sendFile(DefaultFileRegion,long,long,long)",
                            named("sendFile").and(takesArguments(4)), FunnelAdvice.Transfer.class)), true),
            // Netty 4.2's io_uring transport: its sockets are the classes above, but its connects, accepts, reads
            // and writes complete in its channels. Woven all or none, per copy (IoUringCopyCheck).
            new WovenClass("io.netty.channel.uring.AbstractIoUringChannel$AbstractUringUnsafe",
                    Funnel.NETTY_IO_URING, "Netty io_uring connects and closes", List.of(
                    method("connect(SocketAddress,SocketAddress,ChannelPromise)",
                            named("connect").and(takesArguments(3)), IoUringAdvice.ConnectSubmitted.class),
                    method("fulfillConnectPromise(ChannelPromise,boolean)", named("fulfillConnectPromise")
                            .and(takesArguments(2)).and(takesArgument(1, boolean.class)),
                            IoUringAdvice.ConnectEstablished.class),
                    method("fulfillConnectPromise(ChannelPromise,Throwable)", named("fulfillConnectPromise")
                            .and(takesArguments(2)).and(takesArgument(1, Throwable.class)),
                            IoUringAdvice.ConnectFailed.class),
                    method("handle(IoRegistration,IoEvent)", named("handle").and(takesArguments(2)),
                            IoUringAdvice.CloseCompleted.class)), true),
            new WovenClass("io.netty.channel.uring.AbstractIoUringChannel", Funnel.NETTY_IO_URING,
                    "Netty io_uring close submissions", List.of(
                    method("doClose()", named("doClose").and(takesArguments(0)),
                            IoUringAdvice.CloseSubmitted.class)), true),
            new WovenClass("io.netty.channel.uring.IoUringIoHandler", Funnel.NETTY_IO_URING,
                    "Netty io_uring event loops' ends", List.of(
                    method("destroy()", named("destroy").and(takesArguments(0)), IoUringAdvice.RingClosed.class)),
                    true),
            new WovenClass("io.netty.channel.uring.IoUringServerSocketChannel", Funnel.NETTY_IO_URING,
                    "Netty io_uring accepts", List.of(
                    method("newChildChannel(int,ByteBuffer)", named("newChildChannel").and(takesArguments(2))
                            .and(takesArgument(0, int.class)), IoUringAdvice.Accepted.class)), true),
            new WovenClass("io.netty.channel.uring.AbstractIoUringStreamChannel$IoUringStreamUnsafe",
                    Funnel.NETTY_IO_URING, "Netty io_uring reads", List.of(
                    reads("readComplete0(byte,int,int,short,int)", named("readComplete0").and(takesArguments(5)),
                            IoUringAdvice.ReadCompleted.class)), true),
            // Not the stream unsafe's own: the socket channel's handles zero-copy sends, then calls it.
            new WovenClass("io.netty.channel.uring.IoUringSocketChannel$IoUringSocketUnsafe",
                    Funnel.NETTY_IO_URING, "Netty io_uring writes", List.of(
                    writes("writeComplete0(byte,int,int,long,int)", named("writeComplete0").and(takesArguments(5)),
                            IoUringAdvice.WriteCompleted.class)), true));
    /** The name of the method {@link #withMissingMethodForTests()} expects: no JDK has it. */
    static final String MISSING_METHOD_FOR_TESTS = "portwatchTestNoSuchMethod";

    /**
     * TEST-ONLY: {@link #ALL} with one more method expected on {@code SocketChannelImpl} that no JDK has, as if a
     * JDK release had moved it, to prove the coverage check reports it and everything else still records.
     */
    static List<WovenClass> withMissingMethodForTests() {
        return ALL.stream().map(woven -> {
            if (woven.funnel() != Funnel.SOCKET_CHANNEL) {
                return woven;
            }
            List<WovenClass.Method> methods = new java.util.ArrayList<>(woven.methods());
            methods.add(method(MISSING_METHOD_FOR_TESTS + "()", named(MISSING_METHOD_FOR_TESTS),
                    FunnelAdvice.Close.class));
            return new WovenClass(woven.className(), woven.funnel(), woven.covers(), List.copyOf(methods),
                    woven.library(), woven.taps());
        }).toList();
    }

    private static WovenClass.Method method(String signature, ElementMatcher<? super MethodDescription> matcher,
                                            Class<?> advice) {
        return new WovenClass.Method(signature, matcher, advice, false, null);
    }

    /** A method whose advice counts the bytes it receives. */
    private static WovenClass.Method reads(String signature, ElementMatcher<? super MethodDescription> matcher,
                                           Class<?> advice) {
        return new WovenClass.Method(signature, matcher, advice, true, null);
    }

    /** A method whose advice counts the bytes it sends. */
    private static WovenClass.Method writes(String signature, ElementMatcher<? super MethodDescription> matcher,
                                            Class<?> advice) {
        return new WovenClass.Method(signature, matcher, advice, false, null);
    }

    /** The real {@code bind}, not the compiler's bridge method that returns {@code NetworkChannel}. */
    private static ElementMatcher<MethodDescription> bindOf(int argumentCount) {
        return named("bind").and(takesArguments(argumentCount)).and(not(isBridge()))
                .and(not(returns(named("java.nio.channels.NetworkChannel"))));
    }
}
