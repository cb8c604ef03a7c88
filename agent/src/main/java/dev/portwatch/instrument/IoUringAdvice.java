package dev.portwatch.instrument;

import dev.portwatch.bridge.Bridge;
import java.util.concurrent.Future;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice woven into the channels of Netty's io_uring transport, where the results of its ring submissions
 * arrive: connects, accepts, reads and writes never call its socket classes. The completion methods are the
 * channels' {@code Unsafe}'s (inner classes), so each reports the channel it belongs to ({@code this$0}), and the
 * capture looks up the channel's socket, the key of its row. Like every advice, JDK types and the bridge only.
 */
final class IoUringAdvice {

    /** {@code IORING_CQE_F_NOTIF} (kernel ABI): the second completion of a zero-copy send, which moved nothing. */
    static final int CQE_F_NOTIF = 1 << 3;
    /** {@code IORING_OP_SPLICE} (kernel ABI): a file region's two stages, file to pipe and pipe to socket. */
    static final int OP_SPLICE = 30;

    private IoUringAdvice() {}

    /**
     * {@code AbstractUringUnsafe.connect(SocketAddress remote, SocketAddress local, ChannelPromise)}: submits the
     * connect, or fails the promise at once (then nothing is pending and nothing is recorded here).
     */
    static final class ConnectSubmitted {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel,
                         @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object channel,
                         @Advice.Argument(0) Object remote,
                         @Advice.Argument(value = 2, typing = Assigner.Typing.DYNAMIC) Object promise,
                         @Advice.Enter long start) {
            if (promise instanceof Future && !((Future<?>) promise).isDone()) {
                Bridge.connectStart(funnel, channel, remote, start);
            }
        }
    }

    /**
     * {@code AbstractUringUnsafe.fulfillConnectPromise(ChannelPromise, boolean)}: the connect completed, from the
     * ring or from a poll; read on entry, while the socket is surely open. A null promise: cancelled before.
     */
    static final class ConnectEstablished {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@FunnelId int funnel,
                          @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object channel,
                          @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object promise) {
            if (promise != null) {
                Bridge.finishConnect(funnel, channel, true, null, System.nanoTime());
            }
        }
    }

    /** {@code AbstractUringUnsafe.fulfillConnectPromise(ChannelPromise, Throwable)}: the connect failed. */
    static final class ConnectFailed {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@FunnelId int funnel,
                          @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object channel,
                          @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object promise,
                          @Advice.Argument(1) Throwable cause) {
            if (promise != null && cause != null) {
                Bridge.finishConnect(funnel, channel, false, cause, System.nanoTime());
            }
        }
    }

    /**
     * {@code IoUringServerSocketChannel.newChildChannel(int fd, ByteBuffer)}: a completed accept, returning the new
     * channel. Not the descriptor: Netty makes two sockets from it, a throwaway one first, then the channel's.
     */
    static final class Accepted {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object channel,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object child) {
            if (child != null) {
                Bridge.accept(funnel, channel, child, null);
            }
        }
    }

    /** {@code IoUringStreamUnsafe.readComplete0(byte op, int res, int flags, short data, int outstanding)}. */
    static final class ReadCompleted {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@FunnelId int funnel,
                          @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object channel,
                          @Advice.Argument(1) int res) {
            if (res > 0) {
                Bridge.transfer(funnel, channel, res, true);
            }
        }
    }

    /**
     * {@code IoUringSocketUnsafe.writeComplete0(byte op, int res, int flags, long data, int outstanding)}: bytes
     * sent, but for a zero-copy send's notification and a file region's splices (not counted: each stage would).
     */
    static final class WriteCompleted {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@FunnelId int funnel,
                          @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object channel,
                          @Advice.Argument(0) byte op, @Advice.Argument(1) int res, @Advice.Argument(2) int flags) {
            if (res > 0 && (flags & CQE_F_NOTIF) == 0 && op != OP_SPLICE) {
                Bridge.transfer(funnel, channel, res, false);
            }
        }
    }

    /**
     * {@code AbstractIoUringChannel.doClose()}: a registered channel's close is submitted to the ring, to run at its
     * next submission (an unregistered one's is a plain close of its socket, recorded there). The capture records it
     * once the kernel no longer has the descriptor: now, when it completes ({@link CloseCompleted}), or when the
     * ring is torn down before its completion was read ({@link RingClosed}).
     */
    static final class CloseSubmitted {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel, @Advice.This Object channel) {
            Bridge.close(funnel, channel);
        }
    }

    /**
     * {@code AbstractUringUnsafe.handle(IoRegistration, IoEvent)}, which every completion goes through: a registered
     * channel's close is done when its completion sets {@code closed}.
     */
    static final class CloseCompleted {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("closed") boolean closed) {
            return closed;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel,
                         @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object channel,
                         @Advice.FieldValue("closed") boolean closed, @Advice.Enter boolean closedBefore) {
            if (closed && !closedBefore) {
                Bridge.close(funnel, channel);
            }
        }
    }

    /**
     * {@code IoUringIoHandler.destroy()}: the event loop's ring is gone, and with it the completions it never read.
     * A close the kernel ran before then has closed its descriptor all the same; one still queued never will.
     */
    static final class RingClosed {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@FunnelId int funnel) {
            Bridge.ringClosed(funnel);
        }
    }
}
