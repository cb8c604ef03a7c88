package dev.portwatch.table;

import dev.portwatch.net.Transport;
import java.net.InetAddress;

/**
 * The {@value #SLOTS} servers connected to most recently, each in the slot its name (or address) and port hash to:
 * a connect to a server met before finds its {@link Dependency} here without making a key, writing a literal
 * address as text, or hashing into the dependencies' map. A slot holds one immutable entry, replaced whole; read
 * and written without a lock (an entry another thread wrote, or an older one, is as good: a miss only costs the
 * map's lookup).
 */
final class RecentServers {

    static final int SLOTS = 64;

    private final Entry[] slots = new Entry[SLOTS];

    /** A server as a connect names it: its asked host, else its address, and port. */
    private static final class Entry {
        final Transport transport;
        final String host;
        final InetAddress address;
        final int port;
        final Dependency dependency;

        Entry(Transport transport, String host, InetAddress address, int port, Dependency dependency) {
            this.transport = transport;
            this.host = host;
            this.address = address;
            this.port = port;
            this.dependency = dependency;
        }

        boolean is(Transport otherTransport, String otherHost, InetAddress otherAddress, int otherPort) {
            if (port != otherPort || transport != otherTransport) {
                return false;
            }
            return host != null ? host.equals(otherHost) : otherHost == null && address.equals(otherAddress);
        }
    }

    /** The dependency of a server connected to recently, or null. {@code host} or {@code remote} is not null. */
    Dependency find(Transport transport, InetAddress remote, String host, int port) {
        InetAddress address = host == null ? remote : null;
        Entry entry = slots[slot(host, address, port)];
        return entry != null && entry.is(transport, host, address, port) ? entry.dependency : null;
    }

    void remember(Transport transport, InetAddress remote, String host, int port, Dependency dependency) {
        InetAddress address = host == null ? remote : null;
        slots[slot(host, address, port)] = new Entry(transport, host, address, port, dependency);
    }

    private static int slot(String host, InetAddress address, int port) {
        int hash = (host != null ? host.hashCode() : address.hashCode()) * 31 + port;
        return (hash ^ hash >>> 16) & SLOTS - 1;
    }
}
