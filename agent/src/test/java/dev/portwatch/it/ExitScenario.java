package dev.portwatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches the agent's threads while the JVM exits. Its {@code prepare} asks the endpoint once (so its workers
 * exist), holds a connection to it with half a request sent (so the endpoint has a connection to close), notes the
 * agent's threads (named {@code portwatch-*}) and registers a shutdown hook of its own, which runs beside the
 * agent's: it waits (10 s at most) until none of those threads is {@code RUNNABLE} (a thread inside a native call,
 * such as {@code epoll_wait}, is {@code RUNNABLE}, and HotSpot's exit waits for it) or {@code BLOCKED} (on its way
 * out, waiting for a lock), and the endpoint's threads have ended, then prints
 * {@code REPORT exit <name>=<state> ... endpointConnection=closed|open}: the state of each, and whether the
 * endpoint closed the held connection.
 */
public final class ExitScenario extends Scenario {

    private static final long WATCH_NANOS = 10_000_000_000L;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final List<Thread> agentThreads = new ArrayList<>();
    private Socket held;

    public static void main(String[] args) throws Exception {
        new ExitScenario().serve();
    }

    @Override
    protected String prepare() throws IOException {
        URI endpoint = URI.create(System.getProperty("portwatch.endpoint"));
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        try (Socket asked = new Socket(endpoint.getHost(), endpoint.getPort())) {
            asked.getOutputStream().write(("GET /-/healthy HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(asked.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!answer.startsWith("HTTP/1.1 200")) {
                throw new IOException("the endpoint answered: " + answer);
            }
        }
        held = new Socket(endpoint.getHost(), endpoint.getPort());
        OutputStream out = held.getOutputStream();
        out.write("GET /-/healthy HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Taken now: by the time this hook runs, the agent's may have ended some of them already.
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("portwatch-")) {
                agentThreads.add(thread);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::watch, "scenario-exit-watch"));
        return "endpointPort=" + endpoint.getPort();
    }

    private void watch() {
        long deadline = System.nanoTime() + WATCH_NANOS;
        while (anyMoving(agentThreads) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        StringBuilder states = new StringBuilder("exit");
        for (Thread thread : agentThreads) {
            states.append(' ').append(thread.getName()).append('=').append(thread.getState());
        }
        report(states + " endpointConnection=" + (closedByPeer() ? "closed" : "open"));
    }

    /**
     * Whether any thread may still be on its way somewhere: running (or in a native call), waiting to lock, or one
     * of the endpoint's ({@code portwatch-http*}), which are to end, not ended yet.
     */
    private static boolean anyMoving(List<Thread> threads) {
        for (Thread thread : threads) {
            Thread.State state = thread.getState();
            if (state == Thread.State.RUNNABLE || state == Thread.State.BLOCKED
                    || thread.getName().startsWith("portwatch-http") && state != Thread.State.TERMINATED) {
                return true;
            }
        }
        return false;
    }

    /** Whether the endpoint closed the held connection (end of stream, no answer to the half request). */
    private boolean closedByPeer() {
        try {
            held.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = held.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
