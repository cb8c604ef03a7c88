package dev.portwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmListingTest {

    private static final String LONG_MAIN = "jdk.httpserver/sun.net.httpserver.simpleserver.Main";
    private static final String LONG_STATUS = "endpoint failed on 127.0.0.1:9465 (Address already in use)";

    @Test
    void columnsStayAlignedWhateverTheCellsHold() {
        List<String> lines = JvmListing.lines(List.of(
                new JvmListing.Jvm(7, "-", LONG_MAIN),
                new JvmListing.Jvm(1234567890L, "http://127.0.0.1:40123/connections", "com.example.App"),
                new JvmListing.Jvm(42, LONG_STATUS, "(unknown)")));

        assertEquals(4, lines.size());
        String header = lines.get(0);
        int portwatchColumn = header.indexOf("PORTWATCH");
        int mainClassColumn = header.indexOf("MAIN CLASS");
        assertTrue(header.startsWith("PID "), header);
        assertEquals(mainClassColumn, lines.get(1).indexOf(LONG_MAIN), lines.get(1));
        assertEquals(mainClassColumn, lines.get(2).indexOf("com.example.App"), lines.get(2));
        assertEquals(mainClassColumn, lines.get(3).indexOf("(unknown)"), lines.get(3));
        assertEquals(portwatchColumn, lines.get(1).indexOf("-"), lines.get(1));
        assertEquals(portwatchColumn, lines.get(2).indexOf("http://"), lines.get(2));
        assertEquals(portwatchColumn, lines.get(3).indexOf(LONG_STATUS), lines.get(3));
        assertTrue(lines.get(1).endsWith(LONG_MAIN) && lines.get(3).endsWith("(unknown)"), "main class last");
        assertEquals(mainClassColumn - 2, LONG_STATUS.length() + portwatchColumn, "no wider than the widest");
    }

    @Test
    void cellsFromAnotherProcessAreEscapedBeforeTheyAreMeasured() {
        List<String> lines = JvmListing.lines(List.of(
                new JvmListing.Jvm(7, "endpoint failed (\u001b[31mred\r)", "evil\nMain"),
                new JvmListing.Jvm(8, "-", "Plain")));
        lines.forEach(line -> assertFalse(line.contains("\u001b") || line.contains("\n") || line.contains("\r"),
                line));
        int mainClassColumn = lines.get(0).indexOf("MAIN CLASS");
        assertEquals(mainClassColumn, lines.get(1).indexOf("evil"), lines.get(1));
        assertEquals(mainClassColumn, lines.get(2).indexOf("Plain"), lines.get(2));
    }

    @Test
    void noJvmsIsTheHeaderAlone() {
        assertEquals(List.of("PID  PORTWATCH  MAIN CLASS"), JvmListing.lines(List.of()));
    }
}
