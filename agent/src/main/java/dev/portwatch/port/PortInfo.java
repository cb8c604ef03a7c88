package dev.portwatch.port;

/** What portwatch says about one port: its IANA class, whether the OS hands it out, and its service name. */
public final class PortInfo {

    private final EphemeralRange ephemeralRange;
    private final ServiceNames serviceNames;

    public PortInfo(EphemeralRange ephemeralRange, ServiceNames serviceNames) {
        this.ephemeralRange = ephemeralRange;
        this.serviceNames = serviceNames;
    }

    public static PortInfo ofThisSystem() {
        return new PortInfo(EphemeralRange.ofThisSystem(), ServiceNames.load());
    }

    public PortClass classOf(int port) {
        return PortClass.of(port);
    }

    public boolean isEphemeral(int port) {
        return ephemeralRange.contains(port);
    }

    public String serviceOf(int port, String transport) {
        return serviceNames.nameOf(port, transport);
    }

    public EphemeralRange ephemeralRange() {
        return ephemeralRange;
    }
}
