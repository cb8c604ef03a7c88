package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Housekeeping (which learns of collected sockets) and eviction (which makes room in a full table) race on the same
 * closed rows. Whatever the interleaving, every closed row must go once its retention ends and the row count must
 * come back to zero: a row lost between the two would stay in the table for ever and take a slot from live sockets.
 */
class EvictionRaceTest {

    private static final int MAX_ROWS = 64;
    private static final int WRITERS = 3;
    private static final int SOCKETS_PER_WRITER = 300_000;

    @Test
    @Timeout(120)
    void closedRowsOfCollectedSocketsAllGoWhateverTheInterleaving() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        ConnectionTable table = new ConnectionTable(MAX_ROWS, 1_000, 4, now::get);
        RowOrigin origin = new RowOrigin(Transport.TCP, "w", Opener.unknown("Socket.connect"), false, true);
        Endpoint local = endpoint("127.0.0.1", 40000);
        Endpoint remote = endpoint("127.0.0.1", 5432);

        AtomicBoolean writing = new AtomicBoolean(true);
        Thread housekeeper = new Thread(() -> {
            while (writing.get()) {
                table.maintain(leak -> {});
            }
        });
        housekeeper.start();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < SOCKETS_PER_WRITER; i++) {
                    Object socket = new Object();
                    table.create(socket, Role.OUTBOUND, State.ESTABLISHED, local, remote, origin);
                    table.close(socket);
                    if (i % 20_000 == 0) {
                        System.gc(); // so collected keys reach housekeeping while the table is full
                    }
                }
            });
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        writing.set(false);
        housekeeper.join();

        now.addAndGet(1_000_000); // every closed row is past its retention
        table.maintain(leak -> {});

        assertEquals(List.of(), table.snapshot(), "closed rows left behind after their retention");
        assertEquals(0, table.rows(), "rows counted but no longer in the table");
        assertEquals(0, table.untrackedSockets(), "a closed row always makes room for a new socket");
    }
}
