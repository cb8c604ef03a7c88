package dev.portwatch.funnel;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct local IPv4 address. Reading a {@code Socket}'s local address ({@code getsockname})
 * makes a new {@code InetAddress} every time, 56 bytes a row, while a process's sockets have only a few distinct
 * local addresses (loopback, the host's own, the wildcard). These instances are the agent's own, never handed to the
 * application, so sharing them changes nothing but the heap. Bounded: past {@link #MAX} distinct addresses, new ones
 * are kept as they come.
 */
final class SharedAddresses {

    static final int MAX = 64;

    private final Map<InetAddress, InetAddress> shared = new ConcurrentHashMap<>();

    InetAddress share(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return address; // IPv6 equality ignores the scope; keep each as it is
        }
        InetAddress known = shared.get(address);
        if (known != null) {
            return known;
        }
        if (shared.size() >= MAX) {
            return address;
        }
        known = shared.putIfAbsent(address, address);
        return known != null ? known : address;
    }
}
