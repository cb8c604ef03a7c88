package dev.portwatch.os;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The kernel's view of this process's sockets at one moment, on Linux: the sockets of the process's network
 * namespace from {@code /proc/self/net}, joined with the socket inodes of {@code /proc/self/fd} to tell which the
 * process owns. Elsewhere there is no such view and {@link #available()} says so.
 */
public final class KernelView {

    private static final Path PROC_SELF = Path.of("/proc/self");

    private final List<KernelSocket> owned;
    /** The keys of {@link #owned}, in the same order: computed once, when the view is read. */
    private final List<SocketKey> ownedKeys;
    private final Map<SocketKey, KernelSocket> byKey;
    private final Map<Long, Path> descriptorByInode;
    private final int scanned;
    private final long readAtMillis;
    /**
     * The (local port, remote port) pairs of the TCP connections the process holds, packed and sorted: most
     * questions of {@link #holdsTcpConnection} are answered by one binary search, without making a key.
     */
    private final long[] tcpPortPairs;

    private KernelView(List<KernelSocket> owned, List<SocketKey> ownedKeys, Map<SocketKey, KernelSocket> byKey,
                       Map<Long, Path> descriptorByInode, int scanned, long readAtMillis) {
        this.readAtMillis = readAtMillis;
        this.tcpPortPairs = owned.stream().filter(socket -> socket.transport() == Transport.TCP
                && socket.peer() != null).mapToLong(socket -> portPair(socket.local(), socket.remote()))
                .sorted().toArray();
        this.owned = owned;
        this.ownedKeys = ownedKeys;
        this.byKey = byKey;
        this.descriptorByInode = descriptorByInode;
        this.scanned = scanned;
    }

    public static boolean available() {
        return Files.isReadable(PROC_SELF.resolve("net/tcp")) && Files.isDirectory(PROC_SELF.resolve("fd"));
    }

    /** Reads the kernel's view now; an empty view when it is not available. */
    public static KernelView capture() {
        return available() ? read(PROC_SELF) : none();
    }

    /** Another process's view: its sockets, from its {@code /proc/<pid>} (empty when that is unreadable). */
    public static KernelView ofProcess(long pid) {
        return read(Path.of("/proc", Long.toString(pid)));
    }

    /** A view with no sockets: what there is off Linux. */
    public static KernelView none() {
        return new KernelView(List.of(), List.of(), Map.of(), Map.of(), 0, 0);
    }

    static KernelView read(Path procSelf) {
        // Stamped before reading: a connection the JDK had reported before this instant was in the kernel's lists.
        long readAtMillis = System.currentTimeMillis();
        try {
            Map<Long, Path> inodes = socketInodes(procSelf.resolve("fd"));
            List<KernelSocket> owned = new ArrayList<>();
            List<SocketKey> ownedKeys = new ArrayList<>();
            Map<SocketKey, KernelSocket> byKey = new HashMap<>();
            List<KernelSocket> all = ProcNet.read(procSelf.resolve("net"));
            for (KernelSocket socket : all) {
                if (inodes.containsKey(socket.inode())) {
                    SocketKey key = socket.key();
                    owned.add(socket);
                    ownedKeys.add(key);
                    byKey.put(key, socket);
                } else if (socket.state().equals("TIME_WAIT")) {
                    // No descriptor owns it any more; it is matched to our closed rows by its addresses.
                    byKey.putIfAbsent(socket.key(), socket);
                }
            }
            return new KernelView(owned, ownedKeys, byKey, inodes, all.size(), readAtMillis);
        } catch (IOException | RuntimeException unreadable) {
            return none();
        }
    }

    /** The inodes of the sockets the process holds descriptors for ({@code socket:[12345]} links), each's link. */
    static Map<Long, Path> socketInodes(Path fdDir) throws IOException {
        Map<Long, Path> inodes = new HashMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.put(Long.parseLong(target.substring(8, target.length() - 1)), fd);
                    }
                } catch (IOException | RuntimeException closedMeanwhile) {
                    // descriptors come and go while we list them
                }
            }
        }
        return inodes;
    }

    /**
     * Whether the process still holds this socket now, not only when the view was read: one {@code readlink} of
     * the descriptor it had. A view may be seconds old, and a socket closed since must not be shown as open.
     */
    public boolean stillOwned(KernelSocket socket) {
        Path descriptor = descriptorByInode.get(socket.inode());
        if (descriptor == null) {
            return false;
        }
        try {
            return Files.readSymbolicLink(descriptor).toString().equals("socket:[" + socket.inode() + "]");
        } catch (IOException | RuntimeException closed) {
            return false;
        }
    }

    /**
     * When this view began to be read (wall clock), or 0 for a view that read nothing (off Linux, or unreadable):
     * only a view read after a connection was established can say the kernel no longer has it.
     */
    public long readAtMillis() {
        return readAtMillis;
    }

    /** How many sockets of the network namespace were read: what the next read will cost. */
    public int scanned() {
        return scanned;
    }

    /** The process's own sockets, as the kernel has them. */
    public List<KernelSocket> owned() {
        return owned;
    }

    /**
     * Each socket the process holds, with its {@link KernelSocket#key() key} as the view computed it when read: a
     * reader that matches many sockets by key need not make their keys again.
     */
    public void forEachOwned(BiConsumer<SocketKey, KernelSocket> action) {
        for (int i = 0; i < owned.size(); i++) {
            action.accept(ownedKeys.get(i), owned.get(i));
        }
    }

    /**
     * Whether the process holds a TCP socket connected from {@code local} to {@code remote}, as the kernel lists it
     * (in any state but TIME_WAIT, which no descriptor holds).
     */
    public boolean holdsTcpConnection(Endpoint local, Endpoint remote) {
        if (Arrays.binarySearch(tcpPortPairs, portPair(local, remote)) < 0) {
            return false;
        }
        KernelSocket socket = byKey.get(KernelSocket.key(Transport.TCP, local, remote));
        return socket != null && socket.inode() != 0;
    }

    private static long portPair(Endpoint local, Endpoint remote) {
        return (long) local.port() << 16 | remote.port();
    }

    /** The kernel's socket with these addresses: one the process owns, or a TIME_WAIT it left; null otherwise. */
    public KernelSocket find(SocketKey key) {
        return byKey.get(key);
    }
}
