package dev.portwatch.it;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * The application the integration tests run with the agent: it opens, at once, TCP listeners (IPv4 and IPv6),
 * UDP sockets and inbound and outbound connections through every public socket API of the JDK. Its commands
 * ({@link Scenario}'s protocol):
 * <ul>
 *   <li>{@code open}: open everything and keep it open;</li>
 *   <li>{@code errors}: a connect to a closed port (Socket, SocketChannel, AsynchronousSocketChannel) and binds to
 *       a taken port (ServerSocket, ServerSocketChannel, DatagramSocket);</li>
 *   <li>{@code leak}: drop a connected Socket and a connected SocketChannel without closing them, then GC;</li>
 *   <li>{@code hostile}: open (and keep) a listener from a thread named {@link #HOSTILE_THREAD}, markup that
 *       would retitle a page that failed to escape it, and a listener and a connection to it on each of the threads
 *       named in {@link #HOSTILE_THREAD_NAMES} (markup, quotes, control characters);</li>
 *   <li>{@code terminal}: on a thread named {@link #TERMINAL_HOSTILE} (a terminal escape, a one-character CSI and
 *       a right-to-left override), a connect to an unresolved host of that name (an exception message holding it)
 *       and a UDP socket opened with no application frame on the stack and dropped, then GC (a leak the agent
 *       logs with the thread's name);</li>
 *   <li>{@code close}: close everything opened so far;</li>
 *   <li>{@code exit}.</li>
 * </ul>
 * With the argument {@code batch} it runs open, errors and close with no stdin and prints only what does not
 * depend on ports, so its output can be compared with and without the agent.
 */
public final class SocketScenario extends Scenario {

    static final String HOSTILE_THREAD = "<script>document.title='pwned'</script>";

    static final List<String> HOSTILE_THREAD_NAMES = List.of("<img src=x onerror=alert(1)>",
            "quote\" back\\slash\nnew line\ttab\u0000nul </script><script>alert(2)</script>");
    static final String TERMINAL_HOSTILE = "evil\u001b[2J\u009b31m\u202eexe.txt";
    private final List<Closeable> open = new ArrayList<>();
    private final List<String> report = new ArrayList<>();
    private int takenTcpPort;
    private int takenUdpPort;

    private SocketScenario() {
        on("open", this::openEverything);
        on("errors", this::errors);
        on("leak", this::leak);
        on("hostile", this::hostile);
        on("terminal", this::terminal);
        on("close", this::closeEverything);
    }

    public static void main(String[] args) throws Exception {
        SocketScenario scenario = new SocketScenario();
        if (args.length > 0 && args[0].equals("batch")) {
            scenario.openEverything();
            scenario.errors();
            scenario.closeEverything();
            scenario.report.forEach(System.out::println);
            System.out.println("done");
            awaitAgentEndpoint(); // the agent's one line about its endpoint is then always out
            System.exit(3); // a distinctive exit code, so tests see it passes through unchanged
        }
        scenario.serve();
    }

    void openEverything() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");

        // Listeners: ServerSocket (v4, v6), ServerSocketChannel, its socket() adaptor, asynchronous.
        ServerSocket serverV4 = keep(new ServerSocket(0, 50, V4));
        ServerSocket serverV6 = keep(new ServerSocket(0, 50, v6));
        ServerSocketChannel channelServer = keep(ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0)));
        ServerSocketChannel adaptorServer = keep(ServerSocketChannel.open());
        adaptorServer.socket().bind(new InetSocketAddress(v6, 0));
        AsynchronousServerSocketChannel asyncServer =
                keep(AsynchronousServerSocketChannel.open().bind(new InetSocketAddress(V4, 0)));
        takenTcpPort = serverV4.getLocalPort();

        // Outbound through Socket (connect, constructor, bound first) and accepted through ServerSocket.
        Socket plain = keep(new Socket());
        plain.connect(serverV4.getLocalSocketAddress(), 2000);
        Socket accepted1 = keep(serverV4.accept());
        Socket constructed = keep(new Socket(v6, serverV6.getLocalPort()));
        keep(serverV6.accept());
        Socket boundFirst = keep(new Socket());
        boundFirst.bind(new InetSocketAddress(V4, 0));
        boundFirst.connect(serverV4.getLocalSocketAddress());
        keep(serverV4.accept());
        exchange(plain, accepted1);

        // SocketChannel: blocking open(addr), non-blocking connect + finishConnect, the socket() adaptor.
        SocketChannel blocking = keep(SocketChannel.open(channelServer.getLocalAddress()));
        SocketChannel acceptedChannel = keep(channelServer.accept());
        blocking.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
        acceptedChannel.read(ByteBuffer.allocate(16));
        SocketChannel nonBlocking = keep(SocketChannel.open());
        nonBlocking.configureBlocking(false);
        if (!nonBlocking.connect(channelServer.getLocalAddress())) {
            while (!nonBlocking.finishConnect()) {
                Thread.sleep(1);
            }
        }
        keep(channelServer.accept());
        SocketChannel viaAdaptor = keep(SocketChannel.open());
        viaAdaptor.socket().connect(adaptorServer.getLocalAddress(), 2000);
        keep(adaptorServer.socket().accept().getChannel());
        keep(SocketChannel.open(serverV4.getLocalSocketAddress()));
        keep(serverV4.accept());

        // Asynchronous: connect with a Future and with a CompletionHandler; accept both ways.
        AsynchronousSocketChannel asyncFuture = keep(AsynchronousSocketChannel.open());
        asyncFuture.connect(asyncServer.getLocalAddress()).get(5, TimeUnit.SECONDS);
        keep(asyncServer.accept().get(5, TimeUnit.SECONDS));
        AsynchronousSocketChannel asyncHandler = keep(AsynchronousSocketChannel.open());
        CompletableFuture<Void> connected = new CompletableFuture<>();
        asyncHandler.connect(asyncServer.getLocalAddress(), null, Completions.into(connected));
        CompletableFuture<AsynchronousSocketChannel> acceptedAsync = new CompletableFuture<>();
        asyncServer.accept(null, Completions.into(acceptedAsync));
        connected.get(5, TimeUnit.SECONDS);
        keep(acceptedAsync.get(5, TimeUnit.SECONDS));

        // UDP: DatagramSocket, MulticastSocket, DatagramChannel (v6), a connected channel, an implicit bind by send.
        DatagramSocket udpServer = keep(new DatagramSocket(new InetSocketAddress(V4, 0)));
        takenUdpPort = udpServer.getLocalPort();
        keep(new MulticastSocket(0));
        keep(DatagramChannel.open().bind(new InetSocketAddress(v6, 0)));
        DatagramChannel connectedUdp = keep(DatagramChannel.open());
        connectedUdp.connect(udpServer.getLocalSocketAddress());
        connectedUdp.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        byte[] buffer = new byte[64];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udpServer.receive(packet);
        udpServer.send(new DatagramPacket(buffer, packet.getLength(), packet.getSocketAddress()));
        connectedUdp.read(ByteBuffer.allocate(64));
        DatagramChannel implicitlyBound = keep(DatagramChannel.open());
        implicitlyBound.send(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)), udpServer.getLocalSocketAddress());
        udpServer.receive(new DatagramPacket(buffer, buffer.length));

        report.add("opened " + open.size() + " sockets");
    }

    void errors() throws Exception {
        int closedPort = Ports.free(); // free again once closed: nothing listens there
        expectFailure("connect Socket", () -> new Socket(V4, closedPort).close());
        expectFailure("connect SocketChannel", () -> SocketChannel.open(new InetSocketAddress(V4, closedPort)).close());
        expectFailure("connect AsynchronousSocketChannel", () -> {
            try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                channel.connect(new InetSocketAddress(V4, closedPort)).get(5, TimeUnit.SECONDS);
            }
        });
        expectFailure("bind ServerSocket", () -> new ServerSocket(takenTcpPort, 50, V4).close());
        expectFailure("bind ServerSocketChannel",
                () -> ServerSocketChannel.open().bind(new InetSocketAddress(V4, takenTcpPort)).close());
        expectFailure("bind DatagramSocket", () -> new DatagramSocket(new InetSocketAddress(V4, takenUdpPort)).close());
    }

    void leak() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, V4)) {
            leakOne(server);
            try (Socket accepted = server.accept()) {
                for (int i = 0; i < 5; i++) {
                    System.gc();
                    Thread.sleep(100);
                }
            }
        }
        ServerSocketChannel server = keep(ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0)));
        leakChannel(server);
        keep(server.accept());
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static void leakOne(ServerSocket server) throws IOException {
        new Socket(V4, server.getLocalPort()); // never closed, on purpose
    }

    private static void leakChannel(ServerSocketChannel server) throws IOException {
        SocketChannel.open(server.getLocalAddress()); // never closed, on purpose
    }

    void hostile() throws Exception {
        CompletableFuture<ServerSocket> listener = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                listener.complete(new ServerSocket(0, 50, V4));
            } catch (Throwable failed) {
                listener.completeExceptionally(failed);
            }
        }, HOSTILE_THREAD);
        opener.start();
        keep(listener.get(5, TimeUnit.SECONDS));
        opener.join(5000);
        for (String name : HOSTILE_THREAD_NAMES) {
            List<Exception> failure = new ArrayList<>();
            Thread thread = new Thread(() -> {
                try {
                    ServerSocket server = keep(new ServerSocket(0, 50, V4));
                    keep(new Socket(V4, server.getLocalPort()));
                    keep(server.accept());
                } catch (IOException e) {
                    failure.add(e);
                }
            }, name);
            thread.start();
            thread.join();
            if (!failure.isEmpty()) {
                throw failure.get(0);
            }
        }
    }

    void terminal() throws Exception {
        Thread connector = new Thread(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(InetSocketAddress.createUnresolved(TERMINAL_HOSTILE, 80), 1000);
            } catch (IOException expected) {
                // recorded by the agent with its message
            }
        }, TERMINAL_HOSTILE);
        connector.start();
        connector.join(5000);
        openUnreferenced();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
    }

    /**
     * A constructor reference run by JDK classes only: no frame of this application opens the socket, so the leak
     * report names the thread. Nothing refers to the thread (whose task holds the socket) once this returns.
     */
    private static void openUnreferenced() throws InterruptedException {
        Thread leaker = new Thread(new FutureTask<>(DatagramSocket::new), TERMINAL_HOSTILE);
        leaker.start();
        leaker.join(5000);
    }

    void closeEverything() throws IOException {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
        report.add("closed everything");
    }

    private void exchange(Socket client, Socket server) throws IOException {
        client.getOutputStream().write(new byte[1000]);
        server.getInputStream().readNBytes(1000);
        server.getOutputStream().write(new byte[300]);
        client.getInputStream().readNBytes(300);
    }

    private void expectFailure(String what, Action action) {
        try {
            action.run();
            report.add(what + ": unexpectedly succeeded");
        } catch (Exception expected) {
            Throwable cause = expected.getCause() != null && expected instanceof java.util.concurrent.ExecutionException
                    ? expected.getCause() : expected;
            report.add(what + ": " + cause.getClass().getSimpleName());
        }
    }

    private <T extends Closeable> T keep(T socket) {
        synchronized (open) {
            open.add(socket);
        }
        return socket;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }
}
