package dev.portwatch.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A client pool of two idle connections to a server of the same JVM, as a connection pool holds them. Ready with
 * {@code reset=<port> healthy=<port>}, the clients' local ports. Commands ({@link Scenario}'s protocol):
 * {@code reset} makes the server abort the first connection (linger 0: the kernel sends RST) while the client keeps
 * its socket and never touches it; {@code release} closes that client socket, as a pool does when it finds it dead.
 */
public final class ResetPeerScenario extends Scenario {

    private ServerSocket server;
    private Socket resetClient;
    private Socket resetServerSide;
    private Socket healthyClient;
    private Socket healthyServerSide;

    private ResetPeerScenario() {
        on("reset", this::reset);
        on("release", this::release);
    }

    public static void main(String[] args) throws Exception {
        new ResetPeerScenario().serve();
    }

    @Override
    protected String prepare() throws IOException {
        server = new ServerSocket(0, 50, V4);
        resetClient = new Socket(V4, server.getLocalPort());
        resetServerSide = server.accept();
        healthyClient = new Socket(V4, server.getLocalPort());
        healthyServerSide = server.accept();
        return "reset=" + resetClient.getLocalPort() + " healthy=" + healthyClient.getLocalPort();
    }

    private void reset() throws IOException {
        resetServerSide.setSoLinger(true, 0);
        resetServerSide.close();
    }

    private void release() throws IOException {
        resetClient.close();
    }
}
