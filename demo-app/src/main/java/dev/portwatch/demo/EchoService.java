package dev.portwatch.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A raw TCP echo server on loopback, standing in for the plain-socket backends (caches, legacy protocols) services
 * talk to: it sends back every byte it receives, one thread per connection, from a bounded pool.
 */
final class EchoService implements AutoCloseable {

    /** Like any server, drop clients that went quiet, which is also what ends the demo's leaked connections. */
    private static final int IDLE_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_CONNECTIONS = 32;

    private final ServerSocket server;
    private final ExecutorService handlers;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Counters counters;

    private EchoService(ServerSocket server, Counters counters) {
        this.server = server;
        this.counters = counters;
        this.handlers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new DaemonThreads("demo-echo-conn"));
    }

    static EchoService start(Counters counters) throws IOException {
        EchoService service = new EchoService(new ServerSocket(0, 50, Loopback.ADDRESS), counters);
        Thread acceptor = new Thread(service::acceptLoop, "demo-echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return service;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        handlers.shutdownNow();
        // Handler threads block in read(), which neither shutdownNow() nor interrupts end; closing the socket does.
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    counters.add("echo.accept-failed");
                }
                continue;
            }
            try {
                handlers.execute(() -> serve(connection));
            } catch (RejectedExecutionException full) {
                counters.add("echo.rejected");
                closeQuietly(connection);
            }
        }
    }

    private void serve(Socket connection) {
        connections.add(connection);
        try (connection) {
            connection.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            byte[] buffer = new byte[1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            counters.add("echo.served");
        } catch (SocketTimeoutException idle) {
            counters.add("echo.idle-dropped");
        } catch (IOException e) {
            if (!server.isClosed()) {
                counters.add("echo.failed." + e.getClass().getSimpleName());
            }
        } finally {
            connections.remove(connection);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already refusing this client; a failed close changes nothing for it.
        }
    }
}
