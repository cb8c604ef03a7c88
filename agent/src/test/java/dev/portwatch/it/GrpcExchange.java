package dev.portwatch.it;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * gRPC-Java over grpc-netty-shaded, its relocated copy of Netty ({@code io.grpc.netty.shaded.io.netty}), which uses
 * epoll where its native library loads: a server with one unary method and a channel that calls it once and stays
 * connected. The method is written by hand with a byte marshaller, so no generated code is needed.
 */
final class GrpcExchange implements AutoCloseable {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("portwatch.Test/Echo")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    private Server server;
    private ManagedChannel channel;

    /** Starts the server, calls it once; answers the server's port. */
    String exchange() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("portwatch.Test")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, answer) -> {
                    answer.onNext(new byte[NettyEpollExchange.ANSWERED]);
                    answer.onCompleted();
                })).build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(service).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        byte[] answer = ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT.withDeadlineAfter(20,
                TimeUnit.SECONDS), new byte[NettyEpollExchange.SENT]);
        if (answer.length != NettyEpollExchange.ANSWERED) {
            throw new IllegalStateException("unexpected answer of " + answer.length + " bytes");
        }
        return "server=" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
