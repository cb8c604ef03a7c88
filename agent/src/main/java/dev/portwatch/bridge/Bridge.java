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

    /** Which JDK funnel class an event comes from; compile-time constants, so advice inlines them. */
    public static final int NIO_SOCKET_IMPL = 1;
    public static final int SOCKET_CHANNEL = 2;
    public static final int SERVER_SOCKET_CHANNEL = 3;
    public static final int DATAGRAM_CHANNEL = 4;
    public static final int ASYNC_SOCKET_CHANNEL = 5;
    public static final int ASYNC_SERVER_SOCKET_CHANNEL = 6;

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
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onBind(funnel, socket, requested, requestedPort, thrown);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

    public static void listen(int funnel, Object socket, Object requested, Throwable thrown) {
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onListen(funnel, socket, requested, thrown);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

    public static void connectStart(int funnel, Object socket, Object remote, long startNanos) {
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onConnectStart(funnel, socket, remote, startNanos);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

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
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onFinishConnect(funnel, socket, established, thrown, startNanos);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

    public static void accept(int funnel, Object listenerSocket, Object accepted, Throwable thrown) {
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onAccept(funnel, listenerSocket, accepted, thrown);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

    public static void disconnect(int funnel, Object socket) {
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onDisconnect(funnel, socket);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

    public static void close(int funnel, Object socket) {
        SocketEventListener l = listener;
        if (l == null) {
            return;
        }
        boolean[] busy = enter();
        if (busy == null) {
            return;
        }
        try {
            l.onClose(funnel, socket);
        } catch (Throwable t) {
            LISTENER_ERRORS.incrementAndGet();
        } finally {
            busy[0] = false;
        }
    }

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
