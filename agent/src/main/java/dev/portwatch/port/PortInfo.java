package dev.portwatch.port;

import java.util.function.Supplier;

/**
 * What portwatch says about one port: its IANA class, whether the OS hands it out, and its service name. The
 * system's files behind the last two are read when first asked about, not while the JVM starts.
 */
public final class PortInfo {

    private final Lazy<EphemeralRange> ephemeralRange;
    private final Lazy<ServiceNames> serviceNames;

    public PortInfo(EphemeralRange ephemeralRange, ServiceNames serviceNames) {
        this(() -> ephemeralRange, () -> serviceNames);
    }

    private PortInfo(Supplier<EphemeralRange> ephemeralRange, Supplier<ServiceNames> serviceNames) {
        this.ephemeralRange = new Lazy<>(ephemeralRange);
        this.serviceNames = new Lazy<>(serviceNames);
    }

    /** This system's range and services database, each read on first use. */
    public static PortInfo ofThisSystem() {
        return new PortInfo(new SystemRange(), new SystemServices());
    }

    /** Classes, not method references: the agent's start spins no lambda class (see os/KernelViews). */
    private static final class SystemRange implements Supplier<EphemeralRange> {
        @Override
        public EphemeralRange get() {
            return EphemeralRange.ofThisSystem();
        }
    }

    private static final class SystemServices implements Supplier<ServiceNames> {
        @Override
        public ServiceNames get() {
            return ServiceNames.load();
        }
    }

    public PortClass classOf(int port) {
        return PortClass.of(port);
    }

    public boolean isEphemeral(int port) {
        return ephemeralRange().contains(port);
    }

    public String serviceOf(int port, String transport) {
        return serviceNames.get().nameOf(port, transport);
    }

    public EphemeralRange ephemeralRange() {
        return ephemeralRange.get();
    }

    /** A value computed once, by whichever thread asks first. */
    private static final class Lazy<T> {
        private final Supplier<T> compute;
        private volatile T value;

        Lazy(Supplier<T> compute) {
            this.compute = compute;
        }

        T get() {
            T known = value;
            if (known == null) {
                synchronized (this) {
                    known = value;
                    if (known == null) {
                        known = compute.get();
                        value = known;
                    }
                }
            }
            return known;
        }
    }
}
