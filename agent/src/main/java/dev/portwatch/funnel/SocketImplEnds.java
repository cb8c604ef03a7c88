package dev.portwatch.funnel;

import dev.portwatch.net.Endpoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOptions;

/**
 * The ends of a {@code java.net.SocketImpl}. The remote address and both ports are protected fields, readable only
 * once {@code java.net} is opened to the agent (the installer does it through
 * {@code Instrumentation.redefineModule}); the local address comes from the public {@code SocketOptions} view, and
 * is shared (see {@link SharedAddresses}).
 */
final class SocketImplEnds implements SocketEnds {

    static final SocketImplEnds INSTANCE = new SocketImplEnds();

    private final SharedAddresses sharedAddresses = new SharedAddresses();

    private SocketImplEnds() {}

    static void checkAccess() throws ReflectiveOperationException {
        if (Fields.FAILURE != null) {
            throw Fields.FAILURE;
        }
    }

    @Override
    public Endpoint local(Object impl) {
        InetAddress address = localAddress(impl);
        return address == null ? null
                : new Endpoint(sharedAddresses.share(address), (int) Fields.LOCAL_PORT.get(impl));
    }

    @Override
    public Endpoint remote(Object impl) {
        InetAddress address = (InetAddress) Fields.ADDRESS.get(impl);
        return address == null ? null : new Endpoint(address, (int) Fields.PORT.get(impl));
    }

    /** The bound local address, or null when closed: one {@code getsockname} call. */
    private static InetAddress localAddress(Object impl) {
        try {
            Object bound = ((SocketOptions) impl).getOption(SocketOptions.SO_BINDADDR);
            return bound instanceof InetAddress inet ? inet : null;
        } catch (SocketException closed) {
            return null;
        }
    }

    /**
     * The field handles, looked up when the first end is read (by then the installer has opened {@code java.net}):
     * static finals, so the JIT folds them like constants.
     */
    private static final class Fields {
        static final VarHandle ADDRESS;
        static final VarHandle PORT;
        static final VarHandle LOCAL_PORT;
        static final ReflectiveOperationException FAILURE;

        static {
            VarHandle address = null;
            VarHandle port = null;
            VarHandle localPort = null;
            ReflectiveOperationException failure = null;
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(SocketImpl.class, MethodHandles.lookup());
                address = lookup.findVarHandle(SocketImpl.class, "address", InetAddress.class);
                port = lookup.findVarHandle(SocketImpl.class, "port", int.class);
                localPort = lookup.findVarHandle(SocketImpl.class, "localport", int.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                failure = e instanceof ReflectiveOperationException reflective ? reflective
                        : new IllegalAccessException(e.toString());
            }
            ADDRESS = address;
            PORT = port;
            LOCAL_PORT = localPort;
            FAILURE = failure;
        }
    }
}
