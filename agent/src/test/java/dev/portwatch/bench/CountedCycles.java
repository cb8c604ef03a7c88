package dev.portwatch.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A fixed number of {@link NetChurn} operations, for counting the system calls each costs: run it under
 * {@code strace -f -c} (or {@code perf trace -s}) with two counts, with and without the agent, and the difference
 * of the two runs' totals divided by the difference of the counts is what one operation costs, the JVM's and the
 * agent's start-up cancelling out. Two more than NetChurn's: {@code tcp-socket-any}, its {@code tcp-socket} with the
 * listener on the wildcard address (whose connections' local address only the kernel knows), and
 * {@code udp-socket}, a {@code DatagramSocket} made, connected, sent from and closed per op.
 * Usage: {@code CountedCycles (tcp-socket|tcp-socket-any|tcp-channel|udp|udp-socket) count}.
 */
public final class CountedCycles {

    private CountedCycles() {}

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[1]);
        try (NetChurn.Loop loop = switch (args[0]) {
            case "tcp-socket" -> new NetChurn.SocketChurn();
            case "tcp-socket-any" -> new NetChurn.SocketChurn(new ServerSocket(0, 1024));
            case "tcp-channel" -> new NetChurn.ChannelChurn();
            case "udp" -> new NetChurn.UdpEcho();
            case "udp-socket" -> new DatagramSockets();
            default -> throw new IllegalArgumentException("unknown workload " + args[0]);
        }) {
            loop.run(count);
        }
        System.out.println("DONE " + args[0] + " " + count);
    }

    /** Per op, one {@code DatagramSocket} made, connected to a receiver, sent one byte from, and closed. */
    private static final class DatagramSockets implements NetChurn.Loop {
        private final DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(Workloads.LOOPBACK, 0));
        private final DatagramPacket packet = new DatagramPacket(new byte[1], 1);

        DatagramSockets() throws IOException {}

        @Override
        public void run(long count) throws IOException {
            for (long i = 0; i < count; i++) {
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.connect(receiver.getLocalSocketAddress());
                    socket.send(packet);
                }
            }
        }

        @Override
        public void close() {
            receiver.close();
        }
    }
}
