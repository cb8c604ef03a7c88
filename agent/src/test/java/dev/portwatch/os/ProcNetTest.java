package dev.portwatch.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portwatch.net.Transport;
import org.junit.jupiter.api.Test;

/** Lines of /proc/net/tcp and tcp6 as the kernel writes them. */
class ProcNetTest {

    private static final String TCP6_LINE = "   0: 0000000000000000FFFF00000100007F:B0A5 "
            + "0000000000000000FFFF00000100007F:85C2 06 00000000:00000000 03:000003B8 00000000     0        0 0 3 "
            + "0000000005f963ba";
    private static final String TCP_LINE = "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 "
            + "00000000     0        0 1065 1 000000001be1be4b 100 0 0 10 0                      ";

    @Test
    void parsesALine() {
        KernelSocket listener = ProcNet.parseLine(TCP_LINE, Transport.TCP);
        assertEquals("0.0.0.0", listener.local().host());
        assertEquals(2024, listener.local().port());
        assertEquals("LISTEN", listener.state());
        assertEquals(1065, listener.inode());

        KernelSocket mapped = ProcNet.parseLine(TCP6_LINE, Transport.TCP);
        assertEquals("127.0.0.1", mapped.local().host());
        assertEquals(0xB0A5, mapped.local().port());
        assertEquals(0x85C2, mapped.peer().port());
        assertEquals("TIME_WAIT", mapped.state());
    }

    @Test
    void aLineThatDoesNotParseIsSkipped() {
        assertNull(ProcNet.parseLine("   0: 0000000G:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1",
                Transport.TCP));
        assertNull(ProcNet.parseLine("  sl  local_address rem_address   st", Transport.TCP));
    }
}
