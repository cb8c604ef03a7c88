package dev.portwatch.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0, WELL_KNOWN",
        "1023, WELL_KNOWN",
        "1024, REGISTERED",
        "49151, REGISTERED",
        "49152, DYNAMIC",
        "65535, DYNAMIC",
    })
    void boundaries(int port, PortClass expected) {
        assertEquals(expected, PortClass.of(port));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void notAPort(int port) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortClass.of(port));
        assertEquals("not a port: " + port, e.getMessage());
    }

    @Test
    void labels() {
        assertEquals("well-known", PortClass.WELL_KNOWN.label());
        assertEquals("registered", PortClass.REGISTERED.label());
        assertEquals("dynamic", PortClass.DYNAMIC.label());
    }
}
