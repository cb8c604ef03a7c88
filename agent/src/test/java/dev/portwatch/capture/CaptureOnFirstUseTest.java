package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.bridge.RecordedEvents;
import dev.portwatch.bridge.SocketEventListener;
import dev.portwatch.config.OpenerMode;
import dev.portwatch.table.ConnectionTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaptureOnFirstUseTest {

    private final RecordedEvents recorded = new RecordedEvents();
    private final List<ConnectionTable> tables = new ArrayList<>();
    private final CaptureOnFirstUse.Parts parts = new CaptureOnFirstUse.Parts() {
        @Override
        public ConnectionTable table() {
            ConnectionTable table = new ConnectionTable(100, 60_000, 16, System::currentTimeMillis);
            tables.add(table);
            return table;
        }

        @Override
        public SocketEventListener listener(SocketEventCapture capture) {
            return recorded;
        }
    };

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
    }

    @Test
    void theFirstEventBuildsThePartsOnceReachesTheListenerAndHandsItToTheBridge() throws Exception {
        CaptureOnFirstUse lazy = new CaptureOnFirstUse(parts, OpenerMode.STACK);
        Bridge.install(lazy);
        assertEquals(0, tables.size(), "nothing built before an event");

        Bridge.close(3, new Object());
        Bridge.close(4, new Object());

        assertEquals(List.of("close 3", "close 4"), recorded.lines());
        assertEquals(1, tables.size());
        assertSame(tables.get(0), lazy.table());
        assertSame(lazy.capture(), lazy.capture());
        assertEquals(1, tables.size(), "built once");
    }

    @Test
    void theAgentsThreadBuildsThemWhenNoEventCameFirst() throws Exception {
        CaptureOnFirstUse lazy = new CaptureOnFirstUse(parts, OpenerMode.STACK);
        Bridge.install(lazy);

        ConnectionTable table = lazy.table();
        Bridge.ringClosed(5);

        assertSame(tables.get(0), table);
        assertEquals(1, tables.size());
        assertEquals(List.of("ringClosed 5"), recorded.lines());
    }

    @Test
    void theAgentsThreadChecksTheEndsWithoutBuildingAnythingAndLeavesTheListenerOnTheBridge() throws Exception {
        CaptureOnFirstUse lazy = new CaptureOnFirstUse(parts, OpenerMode.STACK);
        Bridge.install(lazy);

        lazy.checkEnds();

        assertTrue(Bridge.isInstalled(), "readable ends: the listener stays");
        assertEquals(0, tables.size(), "the check builds nothing");
        Bridge.close(6, new Object());
        assertEquals(List.of("close 6"), recorded.lines());
    }

    @Test
    void openersComeFromRecordedStacksOnlyOnceTheAgentsThreadHasRunTheSelfTest() {
        CaptureOnFirstUse lazy = new CaptureOnFirstUse(parts, OpenerMode.STACK);

        lazy.prepareOpeners();

        assertTrue(Backtraces.available(), "this JDK's backtraces are readable once checked");
    }
}
