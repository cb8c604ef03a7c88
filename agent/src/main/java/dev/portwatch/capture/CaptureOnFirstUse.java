package dev.portwatch.capture;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.bridge.SocketEventListener;
import dev.portwatch.config.OpenerMode;
import dev.portwatch.funnel.EndsAccess;
import dev.portwatch.table.ConnectionTable;

/**
 * The listener the bridge holds while the JVM starts: it builds the table and the capture over it at the first
 * socket event, or when the agent's own thread first asks for them ({@link #table}, {@link #capture}), whichever
 * comes first, then hands the bridge the real listener and passes every event on to it. A program that opens no
 * socket before that thread wakes thus never builds them on its main thread (about 40 classes of the table and
 * the capture, 10–20 ms of CPU), and nothing is missed: the first event waits for the build and is recorded.
 *
 * <p>In this package on purpose: the opener's stack walk skips the capture's frames, and the first event's walk
 * passes through this class.
 */
public final class CaptureOnFirstUse implements SocketEventListener {

    /** How the wiring builds the parts: the table, and the listener the bridge calls (the capture, or a wrapper). */
    public interface Parts {
        ConnectionTable table();

        SocketEventListener listener(SocketEventCapture capture);
    }

    private final Parts parts;
    private final OpenerMode openers;
    private volatile Built built;
    /** Set when the agent turned itself off: a build still running (or to come) keeps off the bridge. */
    private boolean off;

    private static final class Built {
        final ConnectionTable table;
        final SocketEventCapture capture;
        final SocketEventListener listener;

        Built(ConnectionTable table, SocketEventCapture capture, SocketEventListener listener) {
            this.table = table;
            this.capture = capture;
            this.listener = listener;
        }
    }

    /**
     * {@code openers}: as {@link SocketEventCapture}'s. What building the capture could fail on (whether this JVM
     * lets it read a {@code java.net.SocketImpl}'s ends: its var handles, a dozen classes) is not checked here, on
     * the JVM's main thread before main, but by the agent's thread as it starts ({@link EndsAccess}) and by the build
     * itself, whichever comes first: a build that fails takes the listener off the bridge, so no later event pays
     * for it again.
     */
    public CaptureOnFirstUse(Parts parts, OpenerMode openers) {
        this.parts = parts;
        this.openers = openers;
    }

    /** Fails, and takes this listener off the bridge, when the capture could not be built (see the constructor). */
    public void checkEnds() throws ReflectiveOperationException {
        try {
            EndsAccess.check();
        } catch (ReflectiveOperationException unreadable) {
            Bridge.uninstall();
            throw unreadable;
        }
    }

    public ConnectionTable table() {
        return built().table;
    }

    /**
     * Readies on the calling thread (the agent's) what later openers are found with besides the stack walk: the
     * recorded stacks' self-test ({@link Backtraces#check}) and the frames' layout ({@link FrameMethods}). Sockets
     * opened before are walked for, as the first of each place is anyway: an application's first socket pays for
     * no self-test.
     */
    public void prepareOpeners() {
        Backtraces.check();
        FrameMethods.available(); // its layout too, read once: the first walk of a socket opened since finds it
    }

    public SocketEventCapture capture() {
        return built().capture;
    }

    private Built built() {
        Built done = built;
        return done != null ? done : build();
    }

    private synchronized Built build() {
        Built done = built;
        if (done == null) {
            ConnectionTable table = parts.table();
            SocketEventCapture capture;
            try {
                capture = new SocketEventCapture(table, openers);
            } catch (ReflectiveOperationException unreadableEnds) {
                Bridge.uninstall(); // the agent's thread says so on stderr (Installer)
                throw new IllegalStateException(unreadableEnds);
            }
            done = new Built(table, capture, parts.listener(capture));
            built = done;
            if (!off) {
                Bridge.install(done.listener);
            }
        }
        return done;
    }

    /**
     * Takes the listener off the bridge for good (the agent turned itself off): under the build's lock, so that a
     * first event building the capture right now cannot put it back.
     */
    public synchronized void takeOff() {
        off = true;
        Bridge.uninstall();
    }

    @Override
    public void onBind(int funnel, Object socket, Object requested, int requestedPort, Throwable thrown) {
        built().listener.onBind(funnel, socket, requested, requestedPort, thrown);
    }

    @Override
    public void onListen(int funnel, Object socket, Object requested, Throwable thrown) {
        built().listener.onListen(funnel, socket, requested, thrown);
    }

    @Override
    public void onConnectStart(int funnel, Object socket, Object remote, long startNanos) {
        built().listener.onConnectStart(funnel, socket, remote, startNanos);
    }

    @Override
    public void onConnect(int funnel, Object socket, Object remote, boolean established, Throwable thrown,
                          long startNanos) {
        built().listener.onConnect(funnel, socket, remote, established, thrown, startNanos);
    }

    @Override
    public void onFinishConnect(int funnel, Object socket, boolean established, Throwable thrown, long startNanos) {
        built().listener.onFinishConnect(funnel, socket, established, thrown, startNanos);
    }

    @Override
    public void onAccept(int funnel, Object listener, Object accepted, Throwable thrown) {
        built().listener.onAccept(funnel, listener, accepted, thrown);
    }

    @Override
    public void onWrap(int funnel, Object socket, int descriptor) {
        built().listener.onWrap(funnel, socket, descriptor);
    }

    @Override
    public void onDisconnect(int funnel, Object socket) {
        built().listener.onDisconnect(funnel, socket);
    }

    @Override
    public void onClose(int funnel, Object socket) {
        built().listener.onClose(funnel, socket);
    }

    @Override
    public void onRingClosed(int funnel) {
        built().listener.onRingClosed(funnel);
    }

    @Override
    public void onTransfer(int funnel, Object socket, long bytes, boolean inbound) {
        built().listener.onTransfer(funnel, socket, bytes, inbound);
    }
}
