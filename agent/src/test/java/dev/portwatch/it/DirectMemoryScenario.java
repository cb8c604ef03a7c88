package dev.portwatch.it;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * An application that minds its direct memory, run under a small {@code -XX:MaxDirectMemorySize}. Its commands
 * ({@link Scenario}'s protocol):
 * <ul>
 *   <li>{@code used}: the direct memory in use, from the JDK's own count ({@code used=<bytes>});</li>
 *   <li>{@code hold <limit> <left>}: allocates direct buffers of 4 KiB and keeps them until at most {@code left}
 *       bytes of {@code limit} are free, as a host that sized its limit to its needs ({@code used=<bytes>});</li>
 *   <li>{@code churn <connections>}: that many TCP connections on loopback, each connected, accepted and closed at
 *       once (SO_LINGER 0, so no TIME_WAIT piles up): two closed rows each;</li>
 *   <li>{@code exit}.</li>
 * </ul>
 */
public final class DirectMemoryScenario extends Scenario {

    private static final int BUFFER = 4 * 1024;

    private final List<ByteBuffer> held = new ArrayList<>();

    private DirectMemoryScenario() {
        on("used", args -> "used=" + used());
        on("hold", args -> "used=" + hold(Long.parseLong(args[0]), Long.parseLong(args[1])));
        on("churn", args -> {
            churn(Integer.parseInt(args[0]));
            return "";
        });
    }

    public static void main(String[] args) throws Exception {
        new DirectMemoryScenario().serve();
    }

    static long used() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no direct buffer pool");
    }

    private long hold(long limit, long left) {
        while (limit - used() - BUFFER >= left) {
            held.add(ByteBuffer.allocateDirect(BUFFER));
        }
        return used();
    }

    private static void churn(int connections) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(V4, 0), 64);
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            for (int i = 0; i < connections; i++) {
                try (SocketChannel client = SocketChannel.open()) {
                    client.setOption(StandardSocketOptions.SO_LINGER, 0);
                    client.connect(address);
                    try (SocketChannel accepted = server.accept()) {
                        accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
                    }
                }
            }
        }
    }
}
