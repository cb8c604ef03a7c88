package dev.portwatch.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOptions;

/**
 * Reads the addresses of a {@code java.net.SocketImpl}. The remote address and both ports are protected fields,
 * so this needs {@code java.net} opened to the agent (the installer does it through
 * {@code Instrumentation.redefineModule}); the local address comes from the public {@code SocketOptions} view.
 */
final class SocketImplFields {

    private final VarHandle address;
    private final VarHandle port;
    private final VarHandle localPort;

    private SocketImplFields(VarHandle address, VarHandle port, VarHandle localPort) {
        this.address = address;
        this.port = port;
        this.localPort = localPort;
    }

    /** Fails with a {@link ReflectiveOperationException} or {@link IllegalAccessException} when not opened. */
    static SocketImplFields open() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(SocketImpl.class, MethodHandles.lookup());
        return new SocketImplFields(
                lookup.findVarHandle(SocketImpl.class, "address", InetAddress.class),
                lookup.findVarHandle(SocketImpl.class, "port", int.class),
                lookup.findVarHandle(SocketImpl.class, "localport", int.class));
    }

    InetAddress remoteAddress(Object impl) {
        return (InetAddress) address.get(impl);
    }

    int remotePort(Object impl) {
        return (int) port.get(impl);
    }

    int localPort(Object impl) {
        return (int) localPort.get(impl);
    }

    /** The bound local address, or null when closed: one {@code getsockname} call. */
    static InetAddress localAddress(Object impl) {
        try {
            Object bound = ((SocketOptions) impl).getOption(SocketOptions.SO_BINDADDR);
            return bound instanceof InetAddress inet ? inet : null;
        } catch (SocketException closed) {
            return null;
        }
    }
}
