package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A table read while housekeeping settles closed rows into the ring: a row read among the open ones and then
 * settled before the ring is read must not be listed twice (a netstat that shows one socket twice is wrong).
 */
class SnapshotRaceTest {

    private static final int SOCKETS = 200_000;

    @Test
    @Timeout(120)
    void aRowSettlingDuringAReadIsListedOnce() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        ConnectionTable table = new ConnectionTable(4_096, 60_000, 4, now::get);
        RowOrigin origin = new RowOrigin(Transport.TCP, "w", Opener.unknown("Socket.connect"), false, true);
        Endpoint local = endpoint("127.0.0.1", 40000);
        Endpoint remote = endpoint("127.0.0.1", 5432);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < SOCKETS; i++) {
                Object socket = new Object();
                table.create(socket, Role.OUTBOUND, State.ESTABLISHED, local, remote, origin);
                table.close(socket);
            }
            writing.set(false);
        });
        Thread housekeeper = new Thread(() -> {
            while (writing.get()) {
                now.addAndGet(RowStore.SETTLE_MILLIS); // every closed row is due to settle at the next pass
                table.maintain(leak -> {});
            }
        });
        writer.start();
        housekeeper.start();
        long reads = 0;
        long listedTwice = 0;
        while (writing.get()) {
            Set<Long> ids = new HashSet<>();
            for (ConnectionView row : table.snapshot()) {
                if (!ids.add(row.id())) {
                    listedTwice++;
                }
            }
            reads++;
        }
        writer.join();
        housekeeper.join();
        assertTrue(reads >= 10, "the table was read only " + reads + " times while rows settled");
        assertEquals(0, listedTwice, "rows listed twice in " + reads + " reads");
    }
}
