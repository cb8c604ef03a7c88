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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Exercises one family of socket APIs (the first argument) before it is ready, moving a known number of bytes each
 * way: 100 bytes from the connecting side, 40 back. Its one command ({@link Scenario}'s protocol), {@code close},
 * closes everything.
 */
public final class ApiExercise extends Scenario {

    static final int SENT = 100;
    static final int ANSWERED = 40;

    private static final InetAddress V4 = InetAddress.getLoopbackAddress();
    private final List<Closeable> open = new ArrayList<>();
    private final String family;

    private ApiExercise(String family) {
        this.family = family;
        on("close", this::closeAll);
    }

    public static void main(String[] args) throws Exception {
        new ApiExercise(args[0]).serve();
    }

    @Override
    protected String prepare() throws Exception {
        switch (family) {
            case "stream" -> streamSockets();
            case "channels" -> socketChannels();
            case "adaptors" -> adaptors();
            case "datagrams" -> datagrams();
            case "async" -> asynchronous();
            default -> throw new IllegalArgumentException(family);
        }
        return "";
    }

    private void closeAll() throws IOException {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Socket and ServerSocket, IPv4 and IPv6. */
    private void streamSockets() throws Exception {
        for (InetAddress address : List.of(V4, InetAddress.getByName("::1"))) {
            ServerSocket server = keep(new ServerSocket(0, 50, address));
            Socket client = keep(new Socket());
            client.connect(server.getLocalSocketAddress(), 2000);
            Socket accepted = keep(server.accept());
            client.getOutputStream().write(new byte[SENT]);
            accepted.getInputStream().readNBytes(SENT);
            accepted.getOutputStream().write(new byte[ANSWERED]);
            client.getInputStream().readNBytes(ANSWERED);
        }
    }

    /** SocketChannel (blocking, and non-blocking with finishConnect) and ServerSocketChannel. */
    private void socketChannels() throws Exception {
        ServerSocketChannel server = keep(ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0)));
        SocketChannel blocking = keep(SocketChannel.open(server.getLocalAddress()));
        exchange(blocking, keep(server.accept()));
        SocketChannel nonBlocking = keep(SocketChannel.open());
        nonBlocking.configureBlocking(false);
        if (!nonBlocking.connect(server.getLocalAddress())) {
            while (!nonBlocking.finishConnect()) {
                Thread.sleep(1);
            }
        }
        nonBlocking.configureBlocking(true);
        exchange(nonBlocking, keep(server.accept()));
    }

    /** The socket() adaptors of SocketChannel and ServerSocketChannel, used through their streams. */
    private void adaptors() throws Exception {
        ServerSocketChannel server = keep(ServerSocketChannel.open());
        server.socket().bind(new InetSocketAddress(V4, 0));
        SocketChannel client = keep(SocketChannel.open());
        client.socket().connect(server.getLocalAddress(), 2000);
        Socket accepted = keep(server.socket().accept());
        client.socket().getOutputStream().write(new byte[SENT]);
        accepted.getInputStream().readNBytes(SENT);
        accepted.getOutputStream().write(new byte[ANSWERED]);
        client.socket().getInputStream().readNBytes(ANSWERED);
    }

    /** DatagramSocket, MulticastSocket, DatagramChannel (connected and not) and DatagramChannel.socket(). */
    private void datagrams() throws Exception {
        DatagramSocket server = keep(new DatagramSocket(new InetSocketAddress(V4, 0)));
        MulticastSocket multicast = keep(new MulticastSocket(new InetSocketAddress(V4, 0)));
        DatagramChannel connected = keep(DatagramChannel.open());
        connected.connect(server.getLocalSocketAddress());
        connected.write(ByteBuffer.allocate(SENT));
        byte[] buffer = new byte[SENT];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        server.receive(packet);
        server.send(new DatagramPacket(new byte[ANSWERED], ANSWERED, packet.getSocketAddress()));
        connected.read(ByteBuffer.allocate(SENT));

        DatagramChannel unconnected = keep(DatagramChannel.open());
        unconnected.send(ByteBuffer.allocate(SENT), multicast.getLocalSocketAddress()); // binds implicitly
        multicast.receive(new DatagramPacket(buffer, buffer.length));
        DatagramSocket adaptor = keep(DatagramChannel.open().socket());
        adaptor.bind(new InetSocketAddress(V4, 0));
        adaptor.send(new DatagramPacket(new byte[SENT], SENT, server.getLocalSocketAddress()));
        server.receive(new DatagramPacket(buffer, buffer.length));

        DatagramChannel disconnected = keep(DatagramChannel.open());
        disconnected.connect(server.getLocalSocketAddress());
        disconnected.disconnect();
    }

    /**
     * AsynchronousServerSocketChannel and AsynchronousSocketChannel, through each way an asynchronous read or write
     * completes: a future done at once, a future completed later on a group thread, and a completion handler, pending
     * or not. The client sends {@link #SENT} bytes; the accepted side answers {@link #ANSWERED} twice.
     */
    private void asynchronous() throws Exception {
        AsynchronousServerSocketChannel server =
                keep(AsynchronousServerSocketChannel.open().bind(new InetSocketAddress(V4, 0)));
        AsynchronousSocketChannel client = keep(AsynchronousSocketChannel.open());
        client.connect(server.getLocalAddress()).get(5, TimeUnit.SECONDS);
        AsynchronousSocketChannel accepted = keep(server.accept().get(5, TimeUnit.SECONDS));

        ByteBuffer request = ByteBuffer.allocate(SENT);
        Future<Integer> pendingRead = accepted.read(request); // nothing sent yet: completes later
        writeWithFutures(client, ByteBuffer.allocate(SENT));
        pendingRead.get(5, TimeUnit.SECONDS);
        while (request.hasRemaining()) {
            accepted.read(request).get(5, TimeUnit.SECONDS);
        }

        ByteBuffer answer = ByteBuffer.allocate(2 * ANSWERED);
        CompletableFuture<Integer> pendingHandlerRead = new CompletableFuture<>();
        client.read(answer, null, Completions.into(pendingHandlerRead)); // nothing answered yet: completes later
        ByteBuffer firstAnswer = ByteBuffer.allocate(ANSWERED);
        while (firstAnswer.hasRemaining()) {
            CompletableFuture<Integer> written = new CompletableFuture<>();
            accepted.write(firstAnswer, null, Completions.into(written));
            written.get(5, TimeUnit.SECONDS);
        }
        pendingHandlerRead.get(5, TimeUnit.SECONDS);
        writeWithFutures(accepted, ByteBuffer.allocate(ANSWERED));
        while (answer.hasRemaining()) {
            CompletableFuture<Integer> read = new CompletableFuture<>();
            client.read(answer, null, Completions.into(read));
            if (read.get(5, TimeUnit.SECONDS) < 0) {
                throw new java.io.EOFException("the accepted channel closed before answering");
            }
        }
    }

    private static void writeWithFutures(AsynchronousSocketChannel channel, ByteBuffer data) throws Exception {
        while (data.hasRemaining()) {
            channel.write(data).get(5, TimeUnit.SECONDS);
        }
    }

    private static void exchange(SocketChannel client, SocketChannel server) throws Exception {
        client.write(ByteBuffer.allocate(SENT));
        ByteBuffer received = ByteBuffer.allocate(SENT);
        while (received.hasRemaining()) {
            server.read(received);
        }
        server.write(ByteBuffer.allocate(ANSWERED));
        ByteBuffer answer = ByteBuffer.allocate(ANSWERED);
        while (answer.hasRemaining()) {
            client.read(answer);
        }
    }

    private <T extends Closeable> T keep(T socket) {
        open.add(socket);
        return socket;
    }
}
