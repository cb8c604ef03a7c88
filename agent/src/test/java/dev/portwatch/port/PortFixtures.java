package dev.portwatch.port;

import java.nio.file.Path;

/** Port knowledge that does not depend on the machine running the tests, for tests in other packages. */
public final class PortFixtures {

    private PortFixtures() {}

    /** Only the built-in service table: no /etc/services. */
    public static ServiceNames builtInServiceNames() {
        return ServiceNames.load(Path.of("/nonexistent"));
    }

    /** Linux's usual ephemeral range 32768-60999 and the built-in service names. */
    public static PortInfo testPorts() {
        return new PortInfo(new EphemeralRange(32768, 60999, "test"), builtInServiceNames());
    }
}
