package dev.portwatch.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM started without the agent: it opens a listener and two connections to it before anyone attaches, and is
 * ready with {@code port=<listener port>}. Its commands ({@link Scenario}'s protocol): {@code connect} opens one
 * more connection, {@code closewait} leaves one in CLOSE_WAIT (the peer closes, this side does not), {@code access}
 * answers what of the JDK's internal packages the class path can reach ({@link JdkPackages}).
 */
public final class PreexistingSockets extends Scenario {

    private final List<Socket> open = new ArrayList<>();
    private ServerSocket server;

    private PreexistingSockets() {
        on("connect", this::connect);
        on("closewait", this::closeWait);
        on("access", args -> JdkPackages.seenFrom(PreexistingSockets.class));
    }

    public static void main(String[] args) throws Exception {
        new PreexistingSockets().serve();
    }

    @Override
    protected String prepare() throws IOException {
        server = new ServerSocket(0, 50, V4);
        for (int i = 0; i < 2; i++) {
            connect();
        }
        return "port=" + server.getLocalPort();
    }

    private void connect() throws IOException {
        open.add(new Socket(V4, server.getLocalPort()));
        open.add(server.accept());
    }

    private void closeWait() throws IOException, InterruptedException {
        Socket stays = new Socket(V4, server.getLocalPort());
        open.add(stays);
        server.accept().close(); // the peer closes; `stays` is now in CLOSE_WAIT
        Thread.sleep(200);
    }
}
