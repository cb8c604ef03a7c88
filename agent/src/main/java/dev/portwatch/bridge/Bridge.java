package dev.portwatch.bridge;

import java.nio.channels.CompletionHandler;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one class that advice inlined into {@code java.base} calls. It is defined on the bootstrap class loader at
 * start, so it may use JDK types only: no lambdas, no string concatenation, no agent types.
 *
 * <p>It does nothing while no listener is installed, never lets a listener's exception reach the caller, and never
 * calls a listener re-entrantly on the same thread (the listener may itself touch instrumented JDK code).
 */
public final class Bridge {

    // Event codes for dispatch: one guarded path for every event, without a class or a lambda per event.
    private static final int BIND = 0;
    private static final int LISTEN = 1;
    private static final int CONNECT_START = 2;
    private static final int FINISH_CONNECT = 3;
    private static final int ACCEPT = 4;
    private static final int DISCONNECT = 5;
    private static final int CLOSE = 6;
    private static final int WRAP = 7;
    private static final int RING_CLOSED = 8;

    private static volatile SocketEventListener listener;

    // No initial value: ThreadLocal.withInitial needs a lambda and a subclass needs a second class on the boot loader.
    private static final ThreadLocal<boolean[]> BUSY = new ThreadLocal<boolean[]>();

    private static final AtomicLong LISTENER_ERRORS = new AtomicLong();
    private static final AtomicLong REENTRANT_EVENTS = new AtomicLong();

    private Bridge() {}

    public static void install(SocketEventListener newListener) {
        listener = newListener;
    }

    public static void uninstall() {
        listener = null;
    }

    public static boolean isInstalled() {
        return listener != null;
    }

    /** Listener exceptions swallowed so far: each one is a bug in the agent, so tests assert zero. */
    public static long listenerErrors() {
        return LISTENER_ERRORS.get();
    }

    /** Events skipped because the listener was already running on the same thread. */
    public static long reentrantEvents() {
        return REENTRANT_EVENTS.get();
    }

    public static void bind(int funnel, Object socket, Object requested, int requestedPort, Throwable thrown) {
        dispatch(BIND, funnel, socket, requested, requestedPort, false, thrown);
    }

    public static void listen(int funnel, Object socket, Object requested, Throwable thrown) {
        dispatch(LISTEN, funnel, socket, requested, 0, false, thrown);
    }

    public static void connectStart(int funnel, Object socket, Object remote, long startNanos) {
        dispatch(CONNECT_START, funnel, socket, remote, startNanos, false, null);
    }

    /**
     * With its own copy of the guard, as {@link #transfer}: a connect is the event whose opener's stack is
     * recorded for each new connection, and the VM records every frame above the application's, {@link #dispatch}
     * too, each one more to fill.
     */
    public static void connect(int funnel, Object socket, Object remote, boolean established, Throwable thrown,
                               long startNanos) {
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onConnect(funnel, socket, remote, established, thrown, startNanos);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

    public static void finishConnect(int funnel, Object socket, boolean established, Throwable thrown,
                                     long startNanos) {
        dispatch(FINISH_CONNECT, funnel, socket, null, startNanos, established, thrown);
    }

    public static void accept(int funnel, Object listenerSocket, Object accepted, Throwable thrown) {
        dispatch(ACCEPT, funnel, listenerSocket, accepted, 0, false, thrown);
    }

    /** A socket object was made around the descriptor {@code fd} (Netty's sockets, accepted ones among them). */
    public static void wrap(int funnel, Object socket, int fd) {
        dispatch(WRAP, funnel, socket, null, fd, false, null);
    }

    public static void disconnect(int funnel, Object socket) {
        dispatch(DISCONNECT, funnel, socket, null, 0, false, null);
    }

    public static void close(int funnel, Object socket) {
        dispatch(CLOSE, funnel, socket, null, 0, false, null);
    }

    /** A ring that runs a funnel's closes (Netty's io_uring) was torn down: no close it was given completes now. */
    public static void ringClosed(int funnel) {
        dispatch(RING_CLOSED, funnel, null, null, 0, false, null);
    }

    /**
     * The one event of every read and write, so the one with its own copy of the guard: through {@link #dispatch},
     * which the JIT compiles big enough (every event's listener code inlined) that it is no longer inlined here,
     * each read and write paid a call and the switch, 2.6 ns (docs/benchmarks.md).
     */
    public static void transfer(int funnel, Object socket, long bytes, boolean inbound) {
        SocketEventListener l = listener;
        if (l == null || bytes <= 0) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onTransfer(funnel, socket, bytes, inbound);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

    /**
     * Hands one event (any but a transfer or a connect) to the listener, guarded: nothing while no listener is
     * installed or when this thread is already inside the agent, and the listener's failures counted, never thrown.
     * Each event's arguments travel in the same few slots: {@code other} is the second object (requested or remote
     * address, accepted socket), {@code number} the port or start time, {@code flag} established.
     */
    private static void dispatch(int event, int funnel, Object socket, Object other, long number, boolean flag,
                                 Throwable thrown) {
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            switch (event) {
                case BIND -> l.onBind(funnel, socket, other, (int) number, thrown);
                case LISTEN -> l.onListen(funnel, socket, other, thrown);
                case CONNECT_START -> l.onConnectStart(funnel, socket, other, number);
                case FINISH_CONNECT -> l.onFinishConnect(funnel, socket, flag, thrown, number);
                case ACCEPT -> l.onAccept(funnel, socket, other, thrown);
                case DISCONNECT -> l.onDisconnect(funnel, socket);
                case CLOSE -> l.onClose(funnel, socket);
                case WRAP -> l.onWrap(funnel, socket, (int) number);
                case RING_CLOSED -> l.onRingClosed(funnel);
            }
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

    /**
     * The handler to give an asynchronous read or write in place of {@code handler}: one that counts the bytes it
     * completes with. The application's own handler when portwatch is off or there is none (a future-based call).
     */
    @SuppressWarnings("unchecked")
    public static Object countingHandler(int funnel, Object socket, Object handler, boolean inbound) {
        if (listener == null || !(handler instanceof CompletionHandler)) {
            return handler;
        }
        return new TransferCountingHandler(funnel, socket, (CompletionHandler<Object, Object>) handler, inbound);
    }

    /**
     * Counts the bytes of an asynchronous read or write whose future is done; a future still pending, cancelled
     * or failed counts nothing. Never blocks: a done future's {@code get} returns at once.
     */
    public static void transferDone(int funnel, Object socket, Future<?> result, boolean inbound) {
        if (listener == null || result == null || !result.isDone() || result.isCancelled()) {
            return;
        }
        Object bytes;
        try {
            bytes = result.get();
        } catch (Throwable failed) {
            return;
        }
        if (bytes instanceof Number) {
            transfer(funnel, socket, ((Number) bytes).longValue(), inbound);
        }
    }

    /** Marks this thread busy and returns its flag, or returns null when the thread is already inside the agent. */
    private static boolean[] enter() {
        boolean[] busy = BUSY.get();
        if (busy == null) {
            busy = new boolean[1];
            BUSY.set(busy);
        } else if (busy[0]) {
            REENTRANT_EVENTS.incrementAndGet();
            return null;
        }
        busy[0] = true;
        return busy;
    }
}
