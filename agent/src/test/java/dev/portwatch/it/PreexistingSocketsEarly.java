package dev.portwatch.it;

import java.net.DatagramSocket;
import java.net.ServerSocket;

/**
 * Loads the socket classes on the first line of {@code main} (a {@code DatagramSocket} and a {@code ServerSocket},
 * closed at once), then, once the agent's endpoint is up ({@link Scenario}), opens a listener and holds it: ready
 * with {@code port=<its port>}. Started as {@link Later}, all that once the agent's thread is in its build.
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

    /**
     * The same once the agent's thread sleeps in its build ({@code -Dportwatch-test.buildDelayMillis}), 10 s at
     * most: a class of its own, since initialising a scenario's class already loads a socket class on JDK 25 (its
     * loopback address initialises {@code java.security.Security}, which reads through NIO).
     */
    public static final class Later {

        private Later() {}

        public static void main(String[] args) throws Exception {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!agentBuilding() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            PreexistingSocketsEarly.main(args);
        }

        private static boolean agentBuilding() {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("portwatch-start") && thread.getState() == Thread.State.TIMED_WAITING) {
                    return true;
                }
            }
            return false;
        }
    }
}
