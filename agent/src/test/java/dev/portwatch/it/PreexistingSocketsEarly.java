package dev.portwatch.it;

import java.net.DatagramSocket;
import java.net.ServerSocket;

/**
 * Loads the socket classes on the first line of {@code main} (a {@code DatagramSocket} and a {@code ServerSocket},
 * closed at once), then, once the agent's endpoint is up ({@link Scenario}), opens a listener and holds it: ready
 * with {@code port=<its port>}.
 */
public final class PreexistingSocketsEarly extends Scenario {

    private ServerSocket listener;

    public static void main(String[] args) throws Exception {
        new DatagramSocket(0, V4).close();
        new ServerSocket(0, 50, V4).close();
        new PreexistingSocketsEarly().serve();
    }

    @Override
    protected String prepare() throws Exception {
        listener = new ServerSocket(0, 50, V4);
        return "port=" + listener.getLocalPort();
    }
}
