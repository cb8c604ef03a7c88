package dev.portwatch.instrument;

import dev.portwatch.bridge.Bridge;
import java.util.concurrent.Future;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice woven into the JDK's socket funnel classes and into Netty's. It is inlined into {@code java.base} (or
 * into a library in the application's class loader), so each method only reads arguments and hands them to the
 * {@link Bridge}; it may reference JDK types and the bridge, nothing else.
 * The funnel id of the instrumented class is bound to {@link FunnelId} when the advice is applied, and the
 * direction of a transfer to {@link Inbound}, so one advice serves every method of the same shape.
 */
final class FunnelAdvice {

    private FunnelAdvice() {}

    /** {@code NioSocketImpl.bind(InetAddress, int)}: Socket.bind and the first half of a ServerSocket's bind. */
    static final class BindAddressAndPort {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) Object host,
                         @Advice.Argument(1) int port, @Advice.Thrown Throwable thrown) {
            Bridge.bind(funnel, self, host, port, thrown);
        }
    }

    /** {@code NioSocketImpl.listen(int)}: the second half of a ServerSocket's bind. */
    static final class Listen {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Thrown Throwable thrown) {
            Bridge.listen(funnel, self, null, thrown);
        }
    }

    /** {@code NioSocketImpl.accept(SocketImpl)}: {@code this} is the listener, the argument the new connection. */
    static final class AcceptIntoArgument {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) Object accepted,
                         @Advice.Thrown Throwable thrown) {
            Bridge.accept(funnel, self, accepted, thrown);
        }
    }

    /**
     * Netty's {@code Socket.accept(byte[])}: returns the accepted descriptor (-1: nothing to accept); the socket
     * object is made from it afterwards, reported by {@link Wrap}.
     */
    static final class AcceptDescriptor {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Return int fd) {
            if (fd >= 0) {
                Bridge.accept(funnel, self, Integer.valueOf(fd), null);
            }
        }
    }

    /** Netty's {@code Socket(int)}: every Netty socket object is made around a descriptor, accepted ones too. */
    static final class Wrap {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) int fd) {
            Bridge.wrap(funnel, self, fd);
        }
    }

    /** {@code bind(SocketAddress)} and the datagram {@code bindInternal(SocketAddress)}. */
    static final class Bind {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) Object local,
                         @Advice.Thrown Throwable thrown) {
            Bridge.bind(funnel, self, local, -1, thrown);
        }
    }

    /** {@code bind(SocketAddress, int)} of server channels: bind and listen in one call. */
    static final class BindAndListen {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) Object local,
                         @Advice.Thrown Throwable thrown) {
            Bridge.listen(funnel, self, local, thrown);
        }
    }

    /** A connect that returns {@code true} when established, {@code false} when pending. */
    static final class ConnectReturningStatus {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) Object remote,
                         @Advice.Enter long start, @Advice.Return boolean established,
                         @Advice.Thrown Throwable thrown) {
            Bridge.connect(funnel, self, remote, established, thrown, start);
        }
    }

    /** A connect that either completes or throws: blocking connects and UDP connect. */
    static final class ConnectCompleting {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) Object remote,
                         @Advice.Enter long start, @Advice.Thrown Throwable thrown) {
            Bridge.connect(funnel, self, remote, thrown == null, thrown, start);
        }
    }

    /**
     * A connect whose outcome the listener must read off the channel: the asynchronous channel's
     * {@code implConnect} reports failures to the handler instead of throwing, and its completion may run on a
     * group thread before the call even returns, so the start is an event of its own.
     */
    static final class ConnectUndecided {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) Object remote) {
            long start = System.nanoTime();
            Bridge.connectStart(funnel, self, remote, start);
            return start;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Argument(0) Object remote,
                         @Advice.Enter long start, @Advice.Thrown Throwable thrown) {
            Bridge.connect(funnel, self, remote, false, thrown, start);
        }
    }

    /** {@code SocketChannelImpl.finishConnect()}: {@code true} once established; throws when the connect failed. */
    static final class FinishConnectReturningStatus {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Enter long start,
                         @Advice.Return boolean established, @Advice.Thrown Throwable thrown) {
            if (established || thrown != null) {
                Bridge.finishConnect(funnel, self, established, thrown, start);
            }
        }
    }

    /** The asynchronous channel's private {@code finishConnect(boolean)}: void, swallows its error. */
    static final class FinishConnectUndecided {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self, @Advice.Enter long start,
                         @Advice.Thrown Throwable thrown) {
            Bridge.finishConnect(funnel, self, false, thrown, start);
        }
    }

    /** {@code finishAccept(...)}: returns the accepted channel. */
    static final class AcceptReturned {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC)
                         Object accepted,
                         @Advice.Thrown Throwable thrown) {
            Bridge.accept(funnel, self, accepted, thrown);
        }
    }

    static final class Disconnect {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self) {
            Bridge.disconnect(funnel, self);
        }
    }

    static final class Close {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object self) {
            Bridge.close(funnel, self);
        }
    }

    /**
     * Reads, writes, receives and sends returning the bytes moved as {@code int} or {@code long} (-1 at end of
     * stream); the direction is bound per method.
     */
    static final class Transfer {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Inbound boolean inbound, @Advice.This Object self,
                         @Advice.Return long bytes) {
            Bridge.transfer(funnel, self, bytes, inbound);
        }
    }

    /*
     * Asynchronous reads and writes learn their byte count when they complete, which is one of three places:
     * at once in implRead/implWrite (which then return a CompletedFuture), later in finishRead/finishWrite (which
     * complete the PendingFuture implRead/implWrite returned), or in the completion handler, which the enter advice
     * wraps. A PendingFuture is counted only by finishRead/finishWrite, even when it completes before implRead
     * returns, so each result is counted exactly once.
     */

    /**
     * {@code UnixAsynchronousSocketChannelImpl.implRead} and {@code implWrite}
     * {@code (boolean,ByteBuffer,ByteBuffer[],long,TimeUnit,A,handler)}.
     */
    static final class AsyncTransfer {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@FunnelId int funnel, @Inbound boolean inbound, @Advice.This Object self,
                          @Advice.Argument(value = 6, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                          Object handler) {
            handler = Bridge.countingHandler(funnel, self, handler, inbound);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Inbound boolean inbound, @Advice.This Object self,
                         @Advice.Return Future<?> result) {
            if (result != null && !result.getClass().getName().endsWith("PendingFuture")) {
                Bridge.transferDone(funnel, self, result, inbound);
            }
        }
    }

    /**
     * {@code UnixAsynchronousSocketChannelImpl.finishRead(boolean)} and {@code finishWrite(boolean)}: complete the
     * pending future, if any, kept in the field bound per method ({@code readFuture}, {@code writeFuture}).
     */
    static final class AsyncTransferDone {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@PendingFuture Object pending) {
            return pending;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Inbound boolean inbound, @Advice.This Object self,
                         @Advice.Enter Object pending) {
            if (pending != null) {
                Bridge.transferDone(funnel, self, (Future<?>) pending, inbound);
            }
        }
    }
}
