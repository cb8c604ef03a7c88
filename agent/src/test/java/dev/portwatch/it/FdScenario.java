package dev.portwatch.it;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs out of file descriptors (start it under {@code ulimit -n 256}) and recovers. Ready with
 * {@code listener=<port>}; its commands ({@link Scenario}'s protocol):
 * <ul>
 *   <li>{@code exhaust}: opens UDP sockets until the process has no descriptor left, then tries every socket
 *       API once, printing each outcome as a {@code REPORT} line (exception type and message);</li>
 *   <li>{@code release}: closes those sockets, then connects three TCP connections to the listener and keeps
 *       them open;</li>
 *   <li>{@code exit}.</li>
 * </ul>
 * With the agent it first waits for the agent's endpoint ({@link Scenario}), so that the endpoint is not what runs
 * out.
 */
public final class FdScenario extends Scenario {

    private final List<Closeable> filler = new ArrayList<>();
    private final List<Closeable> kept = new ArrayList<>();
    private ServerSocket listener;

    private FdScenario() {
        on("exhaust", this::exhaust);
        on("release", this::release);
    }

    public static void main(String[] args) throws Exception {
        new FdScenario().serve();
    }

    @Override
    protected String prepare() throws Exception {
        listener = new ServerSocket(0, 50, V4);
        warmUp();
        return "listener=" + listener.getLocalPort();
    }

    /**
     * Uses every API once while descriptors are plentiful: the JDK initialises some of its classes on first use
     * and needs a descriptor for that (on JDK 17 the first close of a channel does), with or without the agent.
     */
    void warmUp() throws Exception {
        try (Socket client = new Socket(V4, listener.getLocalPort()); Socket accepted = listener.accept()) {
            client.getOutputStream().write(1);
            accepted.getInputStream().read();
        }
        try (Socket socket = new Socket()) {
            socket.connect(listener.getLocalSocketAddress(), 2000);
        }
        listener.accept().close();
        SocketChannel.open().close();
        new ServerSocket(0, 1, V4).close();
        ServerSocketChannel.open().close();
        new DatagramSocket(new InetSocketAddress(V4, 0)).close();
        DatagramChannel.open().close();
        AsynchronousSocketChannel.open().close();
        attempt("warm-up", () -> { }, false);
        report("warm-up", new IOException("warm-up"), false);
    }

    void exhaust() {
        int opened = 0;
        while (true) {
            try {
                filler.add(new DatagramSocket(new InetSocketAddress(V4, 0)));
                opened++;
            } catch (IOException e) {
                report("DatagramSocket (filling)", e);
                break;
            }
            if (opened > 100_000) {
                System.out.println("ERR the descriptor limit was never reached; run under ulimit -n");
                return;
            }
        }
        attempt("Socket.connect", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(listener.getLocalSocketAddress(), 2000);
            }
        });
        attempt("new Socket(host, port)", () -> new Socket(V4, listener.getLocalPort()).close());
        attempt("SocketChannel.open", () -> SocketChannel.open().close());
        attempt("ServerSocket", () -> new ServerSocket(0, 1, V4).close());
        attempt("ServerSocketChannel.open", () -> ServerSocketChannel.open().close());
        attempt("DatagramSocket", () -> new DatagramSocket(new InetSocketAddress(V4, 0)).close());
        attempt("DatagramChannel.open", () -> DatagramChannel.open().close());
        attempt("AsynchronousSocketChannel.open", () -> AsynchronousSocketChannel.open().close());
    }

    void release() throws IOException {
        for (Closeable socket : filler) {
            socket.close();
        }
        filler.clear();
        for (int i = 0; i < 3; i++) {
            kept.add(new Socket(V4, listener.getLocalPort()));
            kept.add(listener.accept());
        }
        report("reopened " + kept.size() / 2 + " connections");
    }

    private static void attempt(String what, Action action) {
        attempt(what, action, true);
    }

    private static void attempt(String what, Action action, boolean print) {
        try {
            action.run();
            if (print) {
                report(what + ": succeeded");
            }
        } catch (Exception e) {
            report(what, e, print);
        }
    }

    private static void report(String what, Exception e) {
        report(what, e, true);
    }

    private static void report(String what, Exception e, boolean print) {
        String line = what + ": " + e.getClass().getName() + ": " + e.getMessage();
        if (print) {
            report(line);
        }
    }
}
