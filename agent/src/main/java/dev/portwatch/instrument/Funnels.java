package dev.portwatch.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.portwatch.bridge.Bridge;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK classes every TCP and UDP socket goes through on JDK 17 to 25, and what portwatch weaves into each.
 * Measured, not guessed: the integration tests drive every public socket API on each JDK and check the kernel
 * agrees. Methods are matched by name and argument count (or types where overloads nest, as the datagram
 * {@code connect} does), so a signature that differs between JDK releases still matches.
 */
final class Funnels {

    private Funnels() {}

    static final List<Funnel> ALL = List.of(
            new Funnel("sun.nio.ch.NioSocketImpl", Bridge.NIO_SOCKET_IMPL, "Socket and ServerSocket", List.of(
                    method("connect(SocketAddress,int)", named("connect").and(takesArguments(2))
                            .and(takesArgument(0, java.net.SocketAddress.class)), FunnelAdvice.ConnectCompleting.class),
                    method("bind(InetAddress,int)", named("bind").and(takesArguments(2)),
                            FunnelAdvice.BindAddressAndPort.class),
                    method("listen(int)", named("listen").and(takesArguments(1)), FunnelAdvice.Listen.class),
                    method("accept(SocketImpl)", named("accept").and(takesArguments(1)),
                            FunnelAdvice.AcceptIntoArgument.class),
                    method("close()", named("close").and(takesArguments(0)), FunnelAdvice.Close.class),
                    method("read(byte[],int,int)", named("read").and(takesArguments(3)), FunnelAdvice.Read.class),
                    method("implWrite(byte[],int,int)", named("implWrite").and(takesArguments(3)),
                            FunnelAdvice.Write.class))),
            new Funnel("sun.nio.ch.SocketChannelImpl", Bridge.SOCKET_CHANNEL, "SocketChannel and its socket()", List.of(
                    method("bind(SocketAddress)", bindOf(1), FunnelAdvice.Bind.class),
                    method("connect(SocketAddress)", named("connect").and(takesArguments(1)),
                            FunnelAdvice.ConnectReturningStatus.class),
                    method("blockingConnect(SocketAddress,long)", named("blockingConnect").and(takesArguments(2)),
                            FunnelAdvice.ConnectCompleting.class),
                    method("finishConnect()", named("finishConnect").and(takesArguments(0)),
                            FunnelAdvice.FinishConnectReturningStatus.class),
                    method("implCloseSelectableChannel()", named("implCloseSelectableChannel"),
                            FunnelAdvice.Close.class),
                    method("read(ByteBuffer[,int,int])", named("read"), FunnelAdvice.Read.class),
                    method("tryRead(byte[],int,int)", named("tryRead"), FunnelAdvice.Read.class),
                    method("write(ByteBuffer[,int,int])", named("write"), FunnelAdvice.Write.class),
                    method("tryWrite(byte[],int,int)", named("tryWrite"), FunnelAdvice.Write.class))),
            new Funnel("sun.nio.ch.ServerSocketChannelImpl", Bridge.SERVER_SOCKET_CHANNEL,
                    "ServerSocketChannel and its socket()", List.of(
                    method("bind(SocketAddress,int)", bindOf(2), FunnelAdvice.BindAndListen.class),
                    method("finishAccept(FileDescriptor,SocketAddress)", named("finishAccept"),
                            FunnelAdvice.AcceptReturned.class),
                    method("implCloseSelectableChannel()", named("implCloseSelectableChannel"),
                            FunnelAdvice.Close.class))),
            new Funnel("sun.nio.ch.DatagramChannelImpl", Bridge.DATAGRAM_CHANNEL,
                    "DatagramSocket, MulticastSocket and DatagramChannel", List.of(
                    method("bindInternal(SocketAddress)", named("bindInternal"), FunnelAdvice.Bind.class),
                    method("connect(SocketAddress,boolean)", named("connect").and(takesArguments(2)),
                            FunnelAdvice.ConnectCompleting.class),
                    method("disconnect()", named("disconnect").and(not(isBridge())), FunnelAdvice.Disconnect.class),
                    method("implCloseSelectableChannel()", named("implCloseSelectableChannel"),
                            FunnelAdvice.Close.class),
                    method("receive(ByteBuffer,boolean)", named("receive").and(takesArguments(2)),
                            FunnelAdvice.Read.class),
                    method("send(ByteBuffer,SocketAddress)", named("send").and(takesArguments(2)),
                            FunnelAdvice.Write.class),
                    method("read(ByteBuffer[,int,int])", named("read"), FunnelAdvice.Read.class),
                    method("write(ByteBuffer[,int,int])", named("write"), FunnelAdvice.Write.class))),
            new Funnel("sun.nio.ch.AsynchronousServerSocketChannelImpl", Bridge.ASYNC_SERVER_SOCKET_CHANNEL,
                    "AsynchronousServerSocketChannel", List.of(
                    method("bind(SocketAddress,int)", bindOf(2), FunnelAdvice.BindAndListen.class),
                    method("close()", named("close").and(takesArguments(0)), FunnelAdvice.Close.class))),
            new Funnel("sun.nio.ch.UnixAsynchronousServerSocketChannelImpl", Bridge.ASYNC_SERVER_SOCKET_CHANNEL,
                    "AsynchronousServerSocketChannel accepts", List.of(
                    // (FileDescriptor,InetSocketAddress,AccessControlContext) on 17, without the context on 25.
                    method("finishAccept(...)", named("finishAccept"), FunnelAdvice.AcceptReturned.class))),
            new Funnel("sun.nio.ch.AsynchronousSocketChannelImpl", Bridge.ASYNC_SOCKET_CHANNEL,
                    "AsynchronousSocketChannel", List.of(
                    method("bind(SocketAddress)", bindOf(1), FunnelAdvice.Bind.class),
                    method("close()", named("close").and(takesArguments(0)), FunnelAdvice.Close.class))),
            new Funnel("sun.nio.ch.UnixAsynchronousSocketChannelImpl", Bridge.ASYNC_SOCKET_CHANNEL,
                    "AsynchronousSocketChannel connects, reads and writes", List.of(
                    method("implConnect(SocketAddress,Object,CompletionHandler)", named("implConnect"),
                            FunnelAdvice.ConnectUndecided.class),
                    method("finishConnect(boolean)", named("finishConnect").and(takesArguments(1)),
                            FunnelAdvice.FinishConnectUndecided.class),
                    method("implRead(boolean,ByteBuffer,ByteBuffer[],long,TimeUnit,Object,CompletionHandler)",
                            named("implRead").and(takesArguments(7)), FunnelAdvice.AsyncRead.class),
                    method("finishRead(boolean)", named("finishRead").and(takesArguments(1)),
                            FunnelAdvice.AsyncFinishRead.class),
                    method("implWrite(boolean,ByteBuffer,ByteBuffer[],long,TimeUnit,Object,CompletionHandler)",
                            named("implWrite").and(takesArguments(7)), FunnelAdvice.AsyncWrite.class),
                    method("finishWrite(boolean)", named("finishWrite").and(takesArguments(1)),
                            FunnelAdvice.AsyncFinishWrite.class))));

    /** The name of the method {@link #withMissingMethodForTests()} expects: no JDK has it. */
    static final String MISSING_METHOD_FOR_TESTS = "portwatchTestNoSuchMethod";

    /**
     * TEST-ONLY: {@link #ALL} with one more method expected on {@code SocketChannelImpl} that no JDK has, as if a
     * JDK release had moved it, to prove the coverage check reports it and everything else still records.
     */
    static List<Funnel> withMissingMethodForTests() {
        return ALL.stream().map(funnel -> {
            if (funnel.funnelId() != Bridge.SOCKET_CHANNEL) {
                return funnel;
            }
            List<Funnel.Method> methods = new java.util.ArrayList<>(funnel.methods());
            methods.add(method(MISSING_METHOD_FOR_TESTS + "()", named(MISSING_METHOD_FOR_TESTS),
                    FunnelAdvice.Close.class));
            return new Funnel(funnel.className(), funnel.funnelId(), funnel.covers(), List.copyOf(methods));
        }).toList();
    }

    private static Funnel.Method method(String signature, ElementMatcher<? super MethodDescription> matcher,
                                        Class<?> advice) {
        return new Funnel.Method(signature, matcher, advice);
    }

    /** The real {@code bind}, not the compiler's bridge method that returns {@code NetworkChannel}. */
    private static ElementMatcher<MethodDescription> bindOf(int argumentCount) {
        return named("bind").and(takesArguments(argumentCount)).and(not(isBridge()))
                .and(not(returns(named("java.nio.channels.NetworkChannel"))));
    }
}
