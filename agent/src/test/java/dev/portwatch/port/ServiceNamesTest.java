package dev.portwatch.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceNamesTest {

    private static final String SERVICES = """
            # Network services, Internet style
            ssh             22/tcp                          # SSH Remote Login Protocol
            webby           8000/tcp        web www         # aliases are not names
               # an indented comment
            mydns           53/udp
            lonely
            letters         abc/tcp
            noslash         1234
            emptyport       /tcp
            toolarge        70000/tcp
            negative        -3/tcp
            pg-custom       5432/tcp
            dyn             50000/tcp
            tight           7777/tcp#comment without a space
            """;

    @TempDir
    Path dir;

    private ServiceNames fromFile() throws IOException {
        return ServiceNames.load(Files.writeString(dir.resolve("services"), SERVICES));
    }

    @Test
    void readsNamesPerTransport() throws IOException {
        ServiceNames names = fromFile();

        assertEquals("ssh", names.nameOf(22, "tcp"));
        assertEquals("webby", names.nameOf(8000, "tcp"));
        assertNull(names.nameOf(8000, "udp"));
        assertEquals("mydns", names.nameOf(53, "udp"));
        assertEquals("tight", names.nameOf(7777, "tcp"));
    }

    @Test
    void systemEntryWinsOverBuiltInForItsTransportOnly() throws IOException {
        ServiceNames names = fromFile();

        assertEquals("pg-custom", names.nameOf(5432, "tcp"));
        assertEquals("postgresql", names.nameOf(5432, "udp"));
        assertEquals("domain", names.nameOf(53, "tcp"));
        assertEquals("https", names.nameOf(443, "tcp"), "built-in names the file lacks remain");
    }

    @Test
    void malformedLinesAreSkipped() throws IOException {
        ServiceNames names = fromFile();

        assertNull(names.nameOf(1234, "tcp"), "no transport, no entry");
        assertNull(names.nameOf(1234, ""));
        assertEquals("pg-custom", names.nameOf(5432, "tcp"), "lines after the malformed ones are read");
    }

    @Test
    void missingFileUsesTheBuiltInTable() {
        ServiceNames names = ServiceNames.load(dir.resolve("absent"));

        assertEquals("https", names.nameOf(443, "tcp"));
        assertEquals("postgresql", names.nameOf(5432, "tcp"));
        assertEquals("domain", names.nameOf(53, "udp"));
        assertEquals("mongodb", names.nameOf(27017, "tcp"));
        assertNull(names.nameOf(5433, "tcp"));
        assertNull(names.nameOf(443, "sctp"));
    }

    @Test
    void dynamicPortsNeverHaveAName() throws IOException {
        assertNull(fromFile().nameOf(50000, "tcp"), "even when the system database lists one");
        assertNull(fromFile().nameOf(49152, "tcp"));
        assertNull(ServiceNames.load(dir.resolve("absent")).nameOf(65535, "udp"));
    }

    @Test
    void notAPortIsRejected() {
        ServiceNames names = ServiceNames.load(dir.resolve("absent"));
        assertThrows(IllegalArgumentException.class, () -> names.nameOf(-1, "tcp"));
        assertThrows(IllegalArgumentException.class, () -> names.nameOf(65536, "tcp"));
    }

    @Test
    void portInfoCombinesRangeAndNames() {
        PortInfo ports = PortFixtures.testPorts();

        assertEquals(PortClass.REGISTERED, ports.classOf(5432));
        assertEquals("postgresql", ports.serviceOf(5432, "tcp"));
        assertEquals(true, ports.isEphemeral(40000));
        assertEquals(false, ports.isEphemeral(5432));
        assertEquals(new EphemeralRange(32768, 60999, "test"), ports.ephemeralRange());
    }
}
