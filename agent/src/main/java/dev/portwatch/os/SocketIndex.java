package dev.portwatch.os;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A kernel view's sockets by {@link SocketKey}, each distinct key at a slot (0, 1, ...), in an open-addressing table of
 * ints. A report asks it for each of 10,000 rows by the row's transport and ends: no key is made for the question
 * and no boxed or record hash is computed (making two keys a row and hashing them through the record's generated
 * methods was a third of the report's time). Filled once, when the view is read; read-only after.
 */
final class SocketIndex {

    private final SocketKey[] keys;
    private final KernelSocket[] sockets;
    /** Each entry a slot + 1, or 0 when empty; a power of two long, at most half full. */
    private final int[] table;
    private int size;

    SocketIndex(int capacity) {
        keys = new SocketKey[capacity];
        sockets = new KernelSocket[capacity];
        table = new int[Integer.highestOneBit(Math.max(1, capacity) * 2 - 1) * 2];
    }

    /**
     * Files the socket under its key, replacing the socket a key already has when {@code replace}; returns the key's
     * slot. At most {@code capacity} distinct keys.
     */
    int put(SocketKey key, KernelSocket socket, boolean replace) {
        int at = hash(key.transport(), key.localAddress(), key.localPort(), key.remoteAddress(), key.remotePort());
        int mask = table.length - 1;
        for (int i = at & mask; ; i = i + 1 & mask) {
            int slot = table[i] - 1;
            if (slot < 0) {
                slot = size++;
                keys[slot] = key;
                sockets[slot] = socket;
                table[i] = slot + 1;
                return slot;
            }
            if (keys[slot].equals(key)) {
                if (replace) {
                    sockets[slot] = socket;
                }
                return slot;
            }
        }
    }

    /** The slot of the key {@code SocketKey.of(transport, local, remote)} would be, or -1; makes no key. */
    int slotOf(Transport transport, Endpoint local, Endpoint remote) {
        InetAddress localAddress = SocketKey.address(local);
        InetAddress remoteAddress = SocketKey.address(remote);
        int localPort = SocketKey.port(local);
        int remotePort = SocketKey.port(remote);
        int mask = table.length - 1;
        for (int i = hash(transport, localAddress, localPort, remoteAddress, remotePort) & mask; ; i = i + 1 & mask) {
            int slot = table[i] - 1;
            if (slot < 0) {
                return -1;
            }
            SocketKey key = keys[slot];
            if (key.localPort() == localPort && key.remotePort() == remotePort && key.transport() == transport
                    && Objects.equals(key.localAddress(), localAddress)
                    && Objects.equals(key.remoteAddress(), remoteAddress)) {
                return slot;
            }
        }
    }

    int slotOf(SocketKey key) {
        int mask = table.length - 1;
        int at = hash(key.transport(), key.localAddress(), key.localPort(), key.remoteAddress(), key.remotePort());
        for (int i = at & mask; ; i = i + 1 & mask) {
            int slot = table[i] - 1;
            if (slot < 0 || keys[slot].equals(key)) {
                return slot;
            }
        }
    }

    KernelSocket socket(int slot) {
        return sockets[slot];
    }

    /** How many distinct keys: slots run from 0 to this, exclusive. */
    int size() {
        return size;
    }

    /** Ports first (they differ most between one process's connections), spread so that linear probing stays short. */
    private static int hash(Transport transport, InetAddress localAddress, int localPort, InetAddress remoteAddress,
                            int remotePort) {
        int h = (localPort << 16 | remotePort) * 31 + transport.ordinal();
        h = h * 31 + (localAddress == null ? 0 : localAddress.hashCode());
        h = h * 31 + (remoteAddress == null ? 0 : remoteAddress.hashCode());
        h *= 0x9E3779B9;
        return h ^ h >>> 16;
    }
}
