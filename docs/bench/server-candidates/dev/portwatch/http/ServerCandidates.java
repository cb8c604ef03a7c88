package dev.portwatch.http;

import com.sun.net.httpserver.HttpServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.undertow.Undertow;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One HTTP server candidate for the agent's endpoint, started on loopback and asked for one response by a raw
 * socket: prints the milliseconds from main() to that response, the resident set after it, the threads it runs
 * and the system properties it changed. Classes loaded are counted from -Xlog:class+load by the script.
 * Usage: ServerCandidates none|jdk|portwatch|jetty|netty|undertow
 */
public final class ServerCandidates {

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Properties before = (Properties) System.getProperties().clone();
        int threadsBefore = Thread.activeCount();
        int port = switch (args[0]) {
            case "none" -> plainSocket();
            case "jdk" -> jdk();
            case "portwatch" -> portwatch();
            case "jetty" -> jetty();
            case "netty" -> netty();
            case "undertow" -> undertow();
            default -> throw new IllegalArgumentException(args[0]);
        };
        String reply = args[0].equals("none") ? "HTTP/1.1 200" : get(port);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Properties after = System.getProperties();
        java.util.List<String> changed = after.stringPropertyNames().stream()
                .filter(name -> !after.getProperty(name).equals(before.getProperty(name))).sorted().toList();
        System.out.println("RESULT candidate=" + args[0] + " ok=" + reply.startsWith("HTTP/1.1 200") + " ms=" + millis
                + " rssKiB=" + rssKiB() + " threads=" + (Thread.activeCount() - threadsBefore)
                + " propertiesChanged=" + changed.size() + " changed=" + String.join(";", changed));
        System.exit(0);
    }

    private static int plainSocket() throws Exception {
        return new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress()).getLocalPort();
    }

    /** The endpoint as it was: the JDK's HttpServer with one worker thread. */
    private static int jdk() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64)));
        server.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    /** portwatch's own selector server, with the endpoint's two workers. */
    private static int portwatch() throws Exception {
        SelectorServer server = SelectorServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                request -> Responses.text(request, 200, "ok"),
                new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32)));
        Thread thread = new Thread(server, "portwatch-http");
        thread.setDaemon(true);
        thread.start();
        return server.address().getPort();
    }

    private static int jetty() throws Exception {
        Server server = new Server(new QueuedThreadPool(8, 2));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                Content.Sink.write(response, true, "ok\n", callback);
                return true;
            }
        });
        server.start();
        return connector.getLocalPort();
    }

    private static int netty() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext context,
                                                                FullHttpRequest request) {
                                        DefaultFullHttpResponse response = new DefaultFullHttpResponse(
                                                HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                                Unpooled.copiedBuffer("ok\n", StandardCharsets.UTF_8));
                                        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 3);
                                        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private static int undertow() {
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(2)
                .setHandler(exchange -> exchange.getResponseSender().send("ok\n")).build();
        server.start();
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private static String get(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static long rssKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
