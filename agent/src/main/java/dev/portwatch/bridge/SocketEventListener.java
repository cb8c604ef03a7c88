package dev.portwatch.bridge;

/**
 * What the agent does with a socket event. Implemented in the agent's class loader; called by {@link Bridge}
 * on the application's thread, so every method must be cheap and must not block.
 *
 * <p>This type lives on the bootstrap class loader next to {@link Bridge}: only JDK types may appear here.
 */
public interface SocketEventListener {

    /** An explicit or implicit bind finished. {@code requested} is the SocketAddress or InetAddress asked for. */
    void onBind(int funnel, Object socket, Object requested, int requestedPort, Throwable thrown);

    /** A TCP socket started listening (for channels this is the same call as the bind). */
    void onListen(int funnel, Object socket, Object requested, Throwable thrown);

    /** An asynchronous connect is starting (its outcome may be decided on another thread before the call returns). */
    void onConnectStart(int funnel, Object socket, Object remote, long startNanos);

    /** A connect call returned: established, pending (non-blocking) or failed ({@code thrown}). */
    void onConnect(int funnel, Object socket, Object remote, boolean established, Throwable thrown, long startNanos);

    /** A pending non-blocking or asynchronous connect completed, successfully or not. */
    void onFinishConnect(int funnel, Object socket, boolean established, Throwable thrown, long startNanos);

    /**
     * A listener accepted a connection; {@code accepted} is the new socket impl or channel, or the descriptor (an
     * {@code Integer}) where the accept returns one (Netty's).
     */
    void onAccept(int funnel, Object listener, Object accepted, Throwable thrown);

    /**
     * A socket object was made around an existing descriptor (Netty's {@code Socket(int)}): if an accept on this
     * thread just returned that descriptor, it is the accepted connection.
     */
    void onWrap(int funnel, Object socket, int descriptor);

    /** A connected UDP socket was disconnected. */
    void onDisconnect(int funnel, Object socket);

    /** A socket was closed; may be called more than once for the same socket. */
    void onClose(int funnel, Object socket);

    /**
     * A ring that ran this funnel's closes was torn down (Netty's io_uring event loop stopped): a close submitted to
     * it whose completion never came may still have closed its descriptor.
     */
    void onRingClosed(int funnel);

    /** Bytes moved through a socket; {@code bytes} is the JDK method's result (negative: nothing moved). */
    void onTransfer(int funnel, Object socket, long bytes, boolean inbound);
}
