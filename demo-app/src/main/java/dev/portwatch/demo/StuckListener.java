package dev.portwatch.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener that never accepts, like a hung backend: once its backlog of one is filled by connections
 * nobody takes, the kernel drops further handshakes, so a later connect hangs until its timeout.
 */
final class StuckListener implements AutoCloseable {

    /** Linux queues backlog + 1 connections; a few more covers kernels that count differently. */
    private static final int MAX_WAITING = 4;
    private static final int FILL_TIMEOUT_MILLIS = 300;

    private final ServerSocket server;
    private final List<Socket> waiting = new ArrayList<>();

    private StuckListener(ServerSocket server) {
        this.server = server;
    }

    static StuckListener open() throws IOException {
        StuckListener listener = new StuckListener(new ServerSocket(0, 1, Loopback.ADDRESS));
        listener.fillBacklog();
        return listener;
    }

    InetSocketAddress address() {
        return Loopback.at(server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : waiting) {
            socket.close();
        }
        server.close();
    }

    private void fillBacklog() throws IOException {
        while (waiting.size() < MAX_WAITING) {
            Socket socket = new Socket();
            try {
                socket.connect(address(), FILL_TIMEOUT_MILLIS);
            } catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
            // Kept open: these are the clients the hung server never gets to.
            waiting.add(socket);
        }
    }
}
