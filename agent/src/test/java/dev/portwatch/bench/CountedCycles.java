package dev.portwatch.bench;

/**
 * A fixed number of {@link NetChurn} operations, for counting the system calls each costs: run it under
 * {@code strace -f -c} (or {@code perf trace -s}) with two counts, with and without the agent, and the difference
 * of the two runs' totals divided by the difference of the counts is what one operation costs, the JVM's and the
 * agent's start-up cancelling out.
 * Usage: {@code CountedCycles (tcp-socket|tcp-channel|udp) count}.
 */
public final class CountedCycles {

    private CountedCycles() {}

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[1]);
        try (NetChurn.Loop loop = switch (args[0]) {
            case "tcp-socket" -> new NetChurn.SocketChurn();
            case "tcp-channel" -> new NetChurn.ChannelChurn();
            case "udp" -> new NetChurn.UdpEcho();
            default -> throw new IllegalArgumentException("unknown workload " + args[0]);
        }) {
            loop.run(count);
        }
        System.out.println("DONE " + args[0] + " " + count);
    }
}
