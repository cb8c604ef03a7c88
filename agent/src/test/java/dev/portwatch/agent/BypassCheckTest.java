package dev.portwatch.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The legacy socket implementation of JDK 17 is named once; everywhere else nothing is said. */
class BypassCheckTest {

    @Test
    void jdk17WithThePropertySetWarnsAsTheJdkReadsIt() {
        for (String value : new String[] {"true", "", "TRUE", "yes"}) {
            String warning = BypassCheck.warning(17, value);
            assertNotNull(warning, "value '" + value + "'");
            assertTrue(warning.startsWith("-Djdk.net.usePlainSocketImpl "), warning);
            assertTrue(warning.contains("source=kernel"), warning);
        }
    }

    @Test
    void nothingToSayWhenUnsetFalseOrOnALaterJdk() {
        assertNull(BypassCheck.warning(17, null));
        assertNull(BypassCheck.warning(17, "false"));
        assertNull(BypassCheck.warning(17, "False"));
        assertNull(BypassCheck.warning(18, "true"), "JDK 18 removed the legacy implementation");
        assertNull(BypassCheck.warning(25, "true"));
    }
}
