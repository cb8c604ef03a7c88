package dev.portwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsToPort8080AndRunsForever() throws Exception {
        Options options = Options.parse();
        assertEquals(8080, options.httpPort());
        assertNull(options.duration());
    }

    @Test
    void acceptsPortZeroAndADuration() throws Exception {
        Options options = Options.parse("--port", "0", "--duration", "20");
        assertEquals(0, options.httpPort());
        assertEquals(Duration.ofSeconds(20), options.duration());
    }

    @Test
    void badValuesNameTheOptionAndWhatItAccepts() {
        assertMessage("--port", "0-65535", "--port", "70000");
        assertMessage("--port", "0-65535", "--port");
        assertMessage("--duration", "1 or more", "--duration", "0");
        assertMessage("--frobnicate", "--duration", "--frobnicate");
    }

    private static void assertMessage(String names, String accepts, String... args) {
        String message = assertThrows(Options.UsageException.class, () -> Options.parse(args)).getMessage();
        assertTrue(message.contains(names) && message.contains(accepts), message);
        assertFalse(message.contains("\n"), message);
    }
}
