package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;
import java.nio.LongBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The closed rows while they linger, oldest first, as columns of numbers rather than one object per row: a closed
 * row is 11 longs in a chunk of {@value #CHUNK_ROWS} rows, outside the heap. The objects a row names are ones other
 * rows share (its thread's name, its opener) or rare ones (an IPv6 end, a host name), kept by number in
 * {@link RingReferences}: IPv4 ends are kept as numbers, since the socket's own address objects (56 bytes each)
 * would otherwise live as long as the row. Closed rows live for the retention (5 s by default), far longer than a
 * young collection's cycle: an object per row would be copied from survivor space to survivor space until it went,
 * and so would a chunk holding references until it was tenured; numbers outside the heap are never copied or
 * scanned. Chunks are allocated when the ring reaches them and released once empty while the ring is at most half
 * full, kept for reuse ({@link RingChunks}) until the ring is empty, so an idle agent holds none.
 *
 * <p>Rows are numbered by sequence: {@code head} is the oldest row, {@code tail} the next to be written, and a row's
 * slot is its sequence modulo the capacity. The application's threads only drop the oldest row (to make room for a
 * new socket), lock-free: a compare-and-set on {@code head}, which never touches a slot. Everything that writes a
 * slot (append, expiry) or reads one (the views) holds the lock, so a reader never sees a row half written, and a
 * row that a drop takes while it is read is still whole: only an append, which waits for the lock, reuses a slot.
 */
final class ClosedRing {

    static final int CHUNK_ROWS = 512;

    private static final Transport[] TRANSPORTS = Transport.values();
    private static final Role[] ROLES = Role.values();

    // The longs of a row, at row * LONGS in its chunk.
    private static final int ID_AND_KIND = 0;
    private static final int OPENED_AT = 1;
    private static final int CONNECTED_AT = 2;
    private static final int CLOSED_AT = 3;
    private static final int CONNECT_NANOS = 4;
    private static final int BYTES_IN = 5;
    private static final int BYTES_OUT = 6;
    /** The IPv4 peer's address in the high 32 bits, the local port, then the remote port in the low 16. */
    private static final int ADDRESS_AND_PORTS = 7;
    /** The local IPv4 address, when it is one, in the low 32 bits; the number of the peer's host name above. */
    private static final int LOCAL_IPV4_AND_HOST = 8;
    /** The numbers ({@link RingReferences}) of the thread's name (high 32 bits) and the opener. */
    private static final int THREAD_AND_OPENER = 9;
    /** The numbers of the ends that are not IPv4 (0: IPv4, then kept above, or none): local high, remote low. */
    private static final int ADDRESSES = 10;
    private static final int LONGS = 11;

    // The kind's bits, kept in the low byte of ID_AND_KIND: ids come from a counter that never reaches 2^55.
    private static final int KIND_BITS = 8;
    private static final int TRANSPORT = 0x1;
    private static final int ROLE_SHIFT = 1;
    private static final int ROLE_BITS = 0x3;
    private static final int AGENT_OWNED = 1 << 3;
    private static final int LEAKED = 1 << 4;
    private static final int REMOTE_IPV4 = 1 << 5;
    private static final int LOCAL_IPV4 = 1 << 6;
    /** The slot holds numbers of {@link RingReferences} to release: set by an append, cleared by expiry. */
    private static final int HOLDS = 1 << 7;
    private static final long LOW = 0xffffffffL;

    private final int capacity;
    private final RingChunks chunks;
    private final LongBuffer[] longs;
    private final RingReferences references = new RingReferences();
    private final ReentrantLock lock = new ReentrantLock();
    /** The oldest row's sequence; moved by drops (any thread) and expiry (under the lock). */
    private final AtomicLong head = new AtomicLong();
    /** The next row's sequence; written under the lock only. */
    private volatile long tail;
    private final AtomicLong dropped = new AtomicLong();

    ClosedRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.chunks = new RingChunks(capacity, CHUNK_ROWS, LONGS);
        this.longs = chunks.longs;
    }

    /**
     * Appends a closed row, dropping the oldest when the ring is full; returns whether it dropped one. Each end is
     * kept as a row keeps it ({@link Ipv4}): its address, {@link Ipv4#NUMBERED} for IPv4, null for none, and its
     * IPv4 number.
     */
    boolean append(long id, Transport transport, Role role, long openedAtMillis, long connectedAtMillis,
                long closedAtMillis, String thread, Opener opener, boolean agentOwned, boolean leaked,
                long connectNanos, long bytesIn, long bytesOut, InetAddress local, int localIpv4Bits,
                char localPort, InetAddress remote, int remoteIpv4Bits, char remotePort, String remoteHost) {
        boolean ipv4 = remote == Ipv4.NUMBERED;
        boolean localIpv4 = local == Ipv4.NUMBERED;
        int kind = transport.ordinal() & TRANSPORT
                | role.ordinal() << ROLE_SHIFT
                | (agentOwned ? AGENT_OWNED : 0)
                | (leaked ? LEAKED : 0)
                | (ipv4 ? REMOTE_IPV4 : 0)
                | (localIpv4 ? LOCAL_IPV4 : 0)
                | HOLDS;
        long ipv4Bits = ipv4 ? remoteIpv4Bits & LOW : 0;
        long localBits = localIpv4 ? localIpv4Bits & LOW : 0;
        lock.lock();
        try {
            long seq = tail;
            boolean full = seq - head.get() >= capacity && dropOldest();
            if (full) {
                dropped.incrementAndGet();
            }
            int slot = (int) (seq % capacity);
            int chunk = slot / CHUNK_ROWS;
            chunks.ensure(chunk);
            int l = slot % CHUNK_ROWS * LONGS;
            LongBuffer row = longs[chunk];
            release(row, l); // a dropped row's, left in place
            long host = references.hold(remoteHost);
            long threadAndOpener = references.holdPair(thread, opener);
            long addresses = references.holdPair(localIpv4 ? null : local, ipv4 ? null : remote);
            row.put(l + ID_AND_KIND, id << KIND_BITS | kind);
            row.put(l + OPENED_AT, openedAtMillis);
            row.put(l + CONNECTED_AT, connectedAtMillis);
            row.put(l + CLOSED_AT, closedAtMillis);
            row.put(l + CONNECT_NANOS, connectNanos);
            row.put(l + BYTES_IN, bytesIn);
            row.put(l + BYTES_OUT, bytesOut);
            row.put(l + ADDRESS_AND_PORTS, ipv4Bits << 32 | (long) localPort << 16 | remotePort);
            row.put(l + LOCAL_IPV4_AND_HOST, host << 32 | localBits);
            row.put(l + THREAD_AND_OPENER, threadAndOpener);
            row.put(l + ADDRESSES, addresses);
            tail = seq + 1;
            return full;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets the oldest row, if any: how an application's thread makes room for a new socket. Lock-free, and
     * leaves the slot as it is (the next append to reach it overwrites it).
     */
    boolean dropOldest() {
        while (true) {
            long oldest = head.get();
            if (oldest >= tail) {
                return false;
            }
            if (head.compareAndSet(oldest, oldest + 1)) {
                return true;
            }
        }
    }

    /**
     * Housekeeping: forgets the rows closed at or before {@code closedUpTo}, oldest first, then releases the chunks
     * left empty while the ring is at most half full. Returns how many rows it forgot.
     */
    int expire(long closedUpTo) {
        int expired = 0;
        lock.lock();
        try {
            for (long oldest = head.get(); oldest < tail; oldest = head.get()) {
                int slot = (int) (oldest % capacity);
                if (longs[slot / CHUNK_ROWS].get(slot % CHUNK_ROWS * LONGS + CLOSED_AT) > closedUpTo) {
                    break;
                }
                if (head.compareAndSet(oldest, oldest + 1)) {
                    release(longs[slot / CHUNK_ROWS], slot % CHUNK_ROWS * LONGS);
                    expired++;
                } // else a drop took it: look at the new oldest
            }
            releaseEmptyChunks();
        } finally {
            lock.unlock();
        }
        return expired;
    }

    /**
     * Under the lock: the row at {@code l} no longer holds its objects, if it did, so that an expired or dropped row
     * keeps no host name or peer's address reachable once its slot is expired, reused or its chunk released.
     */
    private void release(LongBuffer row, int l) {
        long idAndKind = row.get(l + ID_AND_KIND);
        if ((idAndKind & HOLDS) == 0) {
            return;
        }
        row.put(l + ID_AND_KIND, idAndKind & ~HOLDS);
        references.releasePair(row.get(l + THREAD_AND_OPENER));
        references.releasePair(row.get(l + ADDRESSES));
        references.release((int) (row.get(l + LOCAL_IPV4_AND_HOST) >>> 32));
    }

    /** Under the lock. A drop meanwhile only empties more; a chunk it empties goes at the next call. */
    private void releaseEmptyChunks() {
        long last = tail;
        long first = head.get();
        long size = last - first;
        if (size > capacity / 2) {
            return;
        }
        int firstSlot = (int) (first % capacity);
        int lastSlot = (int) ((last - 1) % capacity); // inclusive; meaningless when empty
        for (int chunk = 0; chunk < longs.length; chunk++) {
            if (longs[chunk] != null && (size == 0 || !holdsRows(chunk, firstSlot, lastSlot))) {
                LongBuffer row = longs[chunk];
                for (int l = 0; l < row.capacity(); l += LONGS) {
                    release(row, l); // dropped rows', left in place
                }
                chunks.release(chunk);
            }
        }
        if (size == 0) {
            chunks.dropSpares();
            references.dropAll();
        }
    }

    /** Whether a chunk holds any slot of the (circular, non-empty) range from firstSlot to lastSlot inclusive. */
    private boolean holdsRows(int chunk, int firstSlot, int lastSlot) {
        int from = chunk * CHUNK_ROWS;
        int to = Math.min(from + CHUNK_ROWS, capacity) - 1;
        if (firstSlot <= lastSlot) {
            return from <= lastSlot && to >= firstSlot;
        }
        return to >= firstSlot || from <= lastSlot;
    }

    /** Adds a view of every row to {@code views}, oldest first. */
    void addViews(List<ConnectionView> views) {
        lock.lock();
        try {
            for (long seq = head.get(); seq < tail; seq++) {
                views.add(view((int) (seq % capacity)));
            }
        } finally {
            lock.unlock();
        }
    }

    private ConnectionView view(int slot) {
        LongBuffer row = longs[slot / CHUNK_ROWS];
        int l = slot % CHUNK_ROWS * LONGS;
        long threadAndOpener = row.get(l + THREAD_AND_OPENER);
        long addresses = row.get(l + ADDRESSES);
        long localIpv4AndHost = row.get(l + LOCAL_IPV4_AND_HOST);
        long idAndKind = row.get(l + ID_AND_KIND);
        int kind = (int) idAndKind & (1 << KIND_BITS) - 1;
        long addressAndPorts = row.get(l + ADDRESS_AND_PORTS);
        char localPort = (char) (addressAndPorts >>> 16);
        char remotePort = (char) addressAndPorts;
        InetAddress localAddress = (kind & LOCAL_IPV4) != 0 ? Ipv4.NUMBERED : (InetAddress) references.high(addresses);
        InetAddress remoteAddress = (kind & REMOTE_IPV4) != 0 ? Ipv4.NUMBERED : (InetAddress) references.low(addresses);
        Endpoint local = Ipv4.endpoint(localAddress, (int) localIpv4AndHost, localPort);
        Endpoint remote = Ipv4.endpoint(remoteAddress, (int) (addressAndPorts >>> 32), remotePort);
        return new ConnectionView(idAndKind >>> KIND_BITS, TRANSPORTS[kind & TRANSPORT],
                ROLES[kind >> ROLE_SHIFT & ROLE_BITS], State.CLOSED, local, remote, row.get(l + OPENED_AT),
                (String) references.high(threadAndOpener), (Opener) references.low(threadAndOpener),
                (kind & AGENT_OWNED) != 0,
                (kind & LEAKED) != 0, row.get(l + CONNECT_NANOS), row.get(l + CLOSED_AT), row.get(l + BYTES_IN),
                row.get(l + BYTES_OUT), row.get(l + CONNECTED_AT),
                (String) references.get((int) (localIpv4AndHost >>> 32)));
    }

    int size() {
        return (int) (tail - head.get());
    }

    int capacity() {
        return capacity;
    }

    /** Rows dropped because the ring was full when one more was appended. */
    long dropped() {
        return dropped.get();
    }

    /** How many chunks are in use (tests: an idle ring holds none). */
    int chunks() {
        lock.lock();
        try {
            return chunks.inUse();
        } finally {
            lock.unlock();
        }
    }

    /** How many objects its rows name, each counted once (tests, on a ring no other thread uses). */
    int referencesHeld() {
        return references.held();
    }

    /** The chunks' storage (tests, on a ring no other thread uses). */
    RingChunks storage() {
        return chunks;
    }
}
