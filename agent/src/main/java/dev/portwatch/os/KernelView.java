package dev.portwatch.os;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    /** The slot in {@link #index} of each owned socket's key, in the same order. */
    private final int[] ownedSlots;
    /** The owned sockets and the TIME_WAIT ones no descriptor holds, by key. */
    private final SocketIndex index;
    private final Map<Long, Path> descriptorByInode;
    private final int scanned;
    private final long readAtMillis;

    /** A socket the process owns, with the slot of its key in the view (see {@link #slotOf}). */
    @FunctionalInterface
    public interface OwnedSocket {
        void accept(int slot, KernelSocket socket);
    }

    private KernelView(List<KernelSocket> owned, List<SocketKey> ownedKeys, List<KernelSocket> timeWaits,
                       Map<Long, Path> descriptorByInode, int scanned, long readAtMillis) {
        this.readAtMillis = readAtMillis;
        this.owned = owned;
        this.ownedKeys = ownedKeys;
        this.descriptorByInode = descriptorByInode;
        this.scanned = scanned;
        // An owned socket wins over a TIME_WAIT of the same addresses, and the last owned one over earlier ones.
        index = new SocketIndex(owned.size() + timeWaits.size());
        ownedSlots = new int[owned.size()];
        for (int i = 0; i < owned.size(); i++) {
            ownedSlots[i] = index.put(ownedKeys.get(i), owned.get(i), true);
        }
        for (KernelSocket socket : timeWaits) {
            index.put(socket.key(), socket, false);
        }
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
        return new KernelView(List.of(), List.of(), List.of(), Map.of(), 0, 0);
    }

    static KernelView read(Path procSelf) {
        // Stamped before reading: a connection the JDK had reported before this instant was in the kernel's lists.
        long readAtMillis = System.currentTimeMillis();
        try {
            Map<Long, Path> inodes = socketInodes(procSelf.resolve("fd"));
            List<KernelSocket> owned = new ArrayList<>();
            List<SocketKey> ownedKeys = new ArrayList<>();
            List<KernelSocket> timeWaits = new ArrayList<>();
            List<KernelSocket> all = ProcNet.read(procSelf.resolve("net"));
            for (KernelSocket socket : all) {
                if (inodes.containsKey(socket.inode())) {
                    owned.add(socket);
                    ownedKeys.add(socket.key());
                } else if (socket.state().equals("TIME_WAIT")) {
                    // No descriptor owns it any more; it is matched to our closed rows by its addresses.
                    timeWaits.add(socket);
                }
            }
            return new KernelView(owned, ownedKeys, timeWaits, inodes, all.size(), readAtMillis);
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
     * Each socket the process holds, with the slot of its key: sockets of equal keys share a slot, the one
     * {@link #slotOf} gives for their addresses.
     */
    public void forEachOwnedSlot(OwnedSocket action) {
        for (int i = 0; i < owned.size(); i++) {
            action.accept(ownedSlots[i], owned.get(i));
        }
    }

    /**
     * Whether the process holds a TCP socket connected from {@code local} to {@code remote}, as the kernel lists it
     * (in any state but TIME_WAIT, which no descriptor holds).
     */
    public boolean holdsTcpConnection(Endpoint local, Endpoint remote) {
        int slot = index.slotOf(Transport.TCP, local, remote);
        return slot >= 0 && index.socket(slot).inode() != 0;
    }

    /**
     * The slot of the socket with these addresses ({@code KernelSocket.key(transport, local, remote)}), one the
     * process owns or a TIME_WAIT it left, or -1: for a reader that joins many rows with the view and marks what it
     * matched in an array of {@link #slots()}, without making keys.
     */
    public int slotOf(Transport transport, Endpoint local, Endpoint remote) {
        return index.slotOf(transport, local, remote);
    }

    /** How many slots the view has: {@link #slotOf} gives 0 to this, exclusive. */
    public int slots() {
        return index.size();
    }

    /** The socket at a slot {@link #slotOf} gave. */
    public KernelSocket socketAt(int slot) {
        return index.socket(slot);
    }

    /** The kernel's socket with these addresses: one the process owns, or a TIME_WAIT it left; null otherwise. */
    public KernelSocket find(SocketKey key) {
        int slot = index.slotOf(key);
        return slot < 0 ? null : index.socket(slot);
    }
}
