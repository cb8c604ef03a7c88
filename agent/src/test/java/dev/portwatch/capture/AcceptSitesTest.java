package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portwatch.net.Transport;
import dev.portwatch.table.Connection;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Opener;
import dev.portwatch.table.RowOrigin;
import org.junit.jupiter.api.Test;

/** An accept reuses the opener of its thread's last accept only when it comes from the same listener. */
class AcceptSitesTest {

    private final ConnectionTable table = new ConnectionTable(10, 5_000, 4, System::currentTimeMillis);
    private final AcceptSites sites = new AcceptSites();
    private final Opener opener = Opener.unknown("ServerSocket");

    private Connection listener() {
        return table.listening(new Object(), null,
                () -> new RowOrigin(Transport.TCP, "main", Opener.unknown("ServerSocket"), false, true));
    }

    @Test
    void theSameThreadAndListenerReuseTheOpener() {
        Connection listener = listener();
        assertNull(sites.lastFrom(listener), "nothing accepted yet");
        sites.remember(listener, opener);
        assertSame(opener, sites.lastFrom(listener));
    }

    @Test
    void anotherListenerWalksAgain() {
        Connection first = listener();
        sites.remember(first, opener);
        assertNull(sites.lastFrom(listener()));
    }

    @Test
    void anotherThreadWalksAgain() throws InterruptedException {
        Connection listener = listener();
        sites.remember(listener, opener);
        Opener[] seenElsewhere = {opener};
        Thread other = new Thread(() -> seenElsewhere[0] = sites.lastFrom(listener));
        other.start();
        other.join();
        assertNull(seenElsewhere[0]);
    }
}
