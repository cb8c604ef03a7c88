package dev.portwatch.demo;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * What goes wrong in real services, done on purpose and slowly, so portwatch's error list and leak detection have
 * something to show: connects refused by a closed port, a bind to a port already taken, a connect that times out
 * against a hung listener, and sockets dropped without close. Expected failures are counted, not thrown.
 */
final class Mischief implements AutoCloseable {

    static final String REFUSED = "mischief.connect-refused";
    static final String BIND_CONFLICT = "mischief.bind-conflict";
    static final String TIMED_OUT = "mischief.connect-timed-out";
    static final String LEAKED_SOCKET = "mischief.leaked-socket";
    static final String LEAKED_CHANNEL = "mischief.leaked-channel";

    /** Leaks are bounded so a demo left running for days does not run out of file descriptors. */
    private static final int MAX_LEAKED_SOCKETS = 30;
    private static final int MAX_LEAKED_CHANNELS = 5;
    private static final long LEAK_PERIOD_MILLIS = 60_000;
    private static final int CHANNEL_EVERY_NTH_LEAK = 4;
    private static final int SLOW_CONNECT_TIMEOUT_MILLIS = 500;

    private final int httpPort;
    private final int echoPort;
    private final Counters counters;
    private final StuckListener stuck;
    private final List<PacedLoop> loops = new ArrayList<>();
    private volatile int closedPort;
    private int leakRounds;
    private int leakedSockets;
    private int leakedChannels;

    private Mischief(int httpPort, int echoPort, Counters counters, StuckListener stuck) throws IOException {
        this.httpPort = httpPort;
        this.echoPort = echoPort;
        this.counters = counters;
        this.stuck = stuck;
        this.closedPort = findClosedPort();
    }

    static Mischief start(int httpPort, int echoPort, Counters counters) throws IOException {
        Mischief mischief = new Mischief(httpPort, echoPort, counters, StuckListener.open());
        // First runs come early so even a 20-second demo shows every kind of trouble.
        mischief.loops.add(PacedLoop.start("connect-refused", 1_000, 3_000, counters, mischief::refusedConnect));
        mischief.loops.add(PacedLoop.start("bind-conflict", 2_000, 20_000, counters, mischief::bindConflict));
        mischief.loops.add(PacedLoop.start("slow-connect", 4_000, 10_000, counters, mischief::slowConnect));
        mischief.loops.add(PacedLoop.start("leak", 8_000, LEAK_PERIOD_MILLIS, counters, mischief::leak));
        return mischief;
    }

    int stuckPort() {
        return stuck.address().getPort();
    }

    @Override
    public void close() throws IOException {
        loops.forEach(PacedLoop::stop);
        loops.forEach(loop -> loop.awaitStopped(SLOW_CONNECT_TIMEOUT_MILLIS * 4L));
        stuck.close();
    }

    private void refusedConnect() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(Loopback.at(closedPort), 1_000);
            // Someone else took the port since it was picked: pick another for the next round.
            counters.add("mischief.connect-unexpectedly-accepted");
            closedPort = findClosedPort();
        } catch (ConnectException expected) {
            counters.add(REFUSED);
        }
    }

    private void bindConflict() throws IOException {
        try (ServerSocket second = new ServerSocket()) {
            second.bind(Loopback.at(httpPort));
            counters.add("mischief.bind-unexpectedly-succeeded");
        } catch (BindException expected) {
            counters.add(BIND_CONFLICT);
        }
    }

    private void slowConnect() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(stuck.address(), SLOW_CONNECT_TIMEOUT_MILLIS);
            counters.add("mischief.slow-connect-unexpectedly-accepted");
        } catch (SocketTimeoutException expected) {
            counters.add(TIMED_OUT);
        }
    }

    private void leak() throws IOException, InterruptedException {
        if (leakedSockets < MAX_LEAKED_SOCKETS) {
            leakSocket();
            leakedSockets++;
            counters.add(LEAKED_SOCKET);
        }
        if (leakRounds++ % CHANNEL_EVERY_NTH_LEAK == 0 && leakedChannels < MAX_LEAKED_CHANNELS) {
            leakChannel();
            leakedChannels++;
            counters.add(LEAKED_CHANNEL);
        }
        // The agent learns of a leak only when the collector reclaims the socket, and a demo this idle may go hours
        // without a collection; nudge one once the sockets are surely unreachable.
        Thread.sleep(2_000);
        System.gc();
    }

    /** Connected, then forgotten without close(): the bug the agent's leak detection is there to catch. */
    private void leakSocket() throws IOException {
        Socket forgotten = new Socket();
        forgotten.connect(Loopback.at(echoPort), 2_000);
    }

    private void leakChannel() throws IOException {
        SocketChannel.open(Loopback.at(echoPort));
    }

    /** A port nobody listens on: bound and released at once, so connects to it are refused. */
    private static int findClosedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, Loopback.ADDRESS)) {
            return probe.getLocalPort();
        }
    }
}
