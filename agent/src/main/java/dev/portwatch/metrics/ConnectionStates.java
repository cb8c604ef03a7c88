package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import java.util.List;
import java.util.Map;

/**
 * The kernel's socket states as OpenTelemetry's {@code network.connection.state} names them (the TCP states of RFC
 * 9293, lower case). UDP has no such states: a UDP socket is {@code established} when connected to a peer (as
 * {@code /proc} says) and {@code unconnected} otherwise ({@code UNCONN} in {@code ss}).
 */
final class ConnectionStates {

    static final List<String> TCP = List.of("established", "syn_sent", "syn_received", "fin_wait_1",
            "fin_wait_2", "time_wait", "closed", "close_wait", "last_ack", "listen", "closing");
    static final List<String> UDP = List.of("established", "unconnected");

    /** {@code /proc/net/tcp}'s state names (as the os package reads them) to OpenTelemetry's. */
    private static final Map<String, String> FROM_KERNEL = Map.ofEntries(
            Map.entry("ESTABLISHED", "established"), Map.entry("SYN_SENT", "syn_sent"),
            Map.entry("SYN_RECV", "syn_received"), Map.entry("NEW_SYN_RECV", "syn_received"),
            Map.entry("FIN_WAIT1", "fin_wait_1"), Map.entry("FIN_WAIT2", "fin_wait_2"),
            Map.entry("TIME_WAIT", "time_wait"), Map.entry("CLOSE", "closed"), Map.entry("CLOSE_WAIT", "close_wait"),
            Map.entry("LAST_ACK", "last_ack"), Map.entry("LISTEN", "listen"), Map.entry("CLOSING", "closing"),
            Map.entry("UNCONN", "unconnected"));

    private ConnectionStates() {}

    static List<String> of(Transport transport) {
        return transport == Transport.TCP ? TCP : UDP;
    }

    /** The state's name, or null for one the kernel does not define ({@code UNKNOWN}). */
    static String fromKernel(String kernelState) {
        return FROM_KERNEL.get(kernelState);
    }
}
