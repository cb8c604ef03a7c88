package dev.portwatch.funnel;

import dev.portwatch.access.JdkAccess;
import dev.portwatch.bridge.LocalAddresses;
import dev.portwatch.net.Endpoint;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOptions;

/**
 * The ends of a {@code java.net.SocketImpl}. The remote address and both ports are protected fields, readable only
 * once {@code java.net} is opened to the agent (the installer does it through
 * {@code Instrumentation.redefineModule}). The local address is the socket's own object, not shared: the table
 * keeps an IPv4 address as a number, so sharing would only cost a map lookup per read. The JDK's own
 * bind, connect and accept read it ({@code Net.localAddress}: two {@code getsockname} calls) and keep only the port;
 * the woven {@code NioSocketImpl} hands that read to {@link LocalAddresses}, where the event on the same thread right
 * after takes it: no system call of the agent's. Without it (another impl, or another thread's event), an accepted
 * socket's local address is taken from its listener when it can, else the kernel is asked.
 */
final class SocketImplEnds implements SocketEnds {

    static final SocketImplEnds INSTANCE = new SocketImplEnds();

    private SocketImplEnds() {}

    static void checkAccess() throws ReflectiveOperationException {
        if (Fields.FAILURE != null) {
            throw Fields.FAILURE;
        }
    }

    /** Each part is read on its own: the ports and the remote address are fields, the local address as before. */
    @Override
    public boolean readsParts(Object impl) {
        return true;
    }

    @Override
    public Endpoint local(Object impl) {
        InetAddress address = localAddress(impl);
        return address == null ? null : new Endpoint(address, localPort(impl));
    }

    @Override
    public InetAddress localAddress(Object impl) {
        InetAddress address = NioImpl.readByTheJdk(impl);
        return address != null ? address : kernelLocalAddress(impl);
    }

    @Override
    public int localPort(Object impl) {
        return (int) Fields.LOCAL_PORT.get(impl);
    }

    @Override
    public Endpoint acceptedLocal(Object listenerImpl, Object acceptedImpl) {
        InetAddress address = acceptedLocalAddress(listenerImpl, acceptedImpl);
        return address == null ? null : new Endpoint(address, localPort(acceptedImpl));
    }

    /**
     * A listener bound to one IPv4 address accepts only connections to that address, and its impl keeps the address
     * it was bound to ({@code NioSocketImpl.bind} sets {@code address}): no system call. A wildcard listener's
     * connections may arrive on any of the host's addresses, and an IPv6 address may carry a scope the bound one
     * lacks: those ask the kernel. (Only {@code IP_TRANSPARENT}, which the JDK cannot set, would break the rule.)
     */
    @Override
    public InetAddress acceptedLocalAddress(Object listenerImpl, Object acceptedImpl) {
        InetAddress read = NioImpl.readByTheJdk(acceptedImpl);
        if (read != null) {
            return read;
        }
        if (listenerImpl instanceof SocketImpl
                && Fields.ADDRESS.get(listenerImpl) instanceof Inet4Address bound && !bound.isAnyLocalAddress()) {
            return localPort(acceptedImpl) == 0 ? null : bound;
        }
        return localAddress(acceptedImpl);
    }

    /** Whether a {@code NioSocketImpl}'s local address costs one system call, not two (tests check it does). */
    static boolean readsLocalAddressInOneCall() {
        return NioImpl.TYPE != null;
    }

    @Override
    public Endpoint remote(Object impl) {
        InetAddress address = remoteAddress(impl);
        return address == null ? null : new Endpoint(address, remotePort(impl));
    }

    @Override
    public InetAddress remoteAddress(Object impl) {
        return (InetAddress) Fields.ADDRESS.get(impl);
    }

    @Override
    public int remotePort(Object impl) {
        return (int) Fields.PORT.get(impl);
    }

    /** The bound local address, or null when closed: one {@code getsockname} call ({@code SO_BINDADDR}: two). */
    private static InetAddress kernelLocalAddress(Object impl) {
        if (impl.getClass() == NioImpl.TYPE) {
            return NioImpl.localAddress(impl);
        }
        try {
            Object bound = ((SocketOptions) impl).getOption(SocketOptions.SO_BINDADDR);
            return bound instanceof InetAddress inet ? inet : null;
        } catch (SocketException closed) {
            return null;
        }
    }

    /**
     * The field handles, looked up when the first end is read (through {@link JdkAccess}, granted at start):
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
                MethodHandles.Lookup lookup = JdkAccess.in(SocketImpl.class);
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

    /**
     * The local address of a {@code sun.nio.ch.NioSocketImpl} with one {@code getsockname} where its
     * {@code getOption(SO_BINDADDR)} makes two (address, then port, which is already in {@code localport}): the JDK's
     * own {@code Net.localInetAddress}, called under the impl's state lock and only while the impl is open, as
     * {@code getOption} does, so a concurrent close cannot hand its descriptor to another socket meanwhile.
     * {@code TYPE} is null when the JDK's names differ or {@code sun.nio.ch} is not open to portwatch: then
     * {@code SO_BINDADDR} is read.
     */
    private static final class NioImpl {
        static final Class<?> TYPE;
        static final VarHandle STATE_LOCK;
        static final VarHandle STATE;
        static final VarHandle FD;
        static final MethodHandle LOCAL_INET_ADDRESS;
        static final int ST_NEW;
        static final int ST_CLOSING;

        static {
            Class<?> type = null;
            VarHandle stateLock = null;
            VarHandle state = null;
            VarHandle fd = null;
            MethodHandle localInetAddress = null;
            int stNew = 0;
            int stClosing = 0;
            try {
                Class<?> impl = Class.forName("sun.nio.ch.NioSocketImpl");
                Class<?> net = Class.forName("sun.nio.ch.Net");
                MethodHandles.Lookup implLookup = JdkAccess.in(impl);
                stateLock = implLookup.findVarHandle(impl, "stateLock", Object.class);
                state = implLookup.findVarHandle(impl, "state", int.class);
                stNew = (int) implLookup.findStaticVarHandle(impl, "ST_NEW", int.class).get();
                stClosing = (int) implLookup.findStaticVarHandle(impl, "ST_CLOSING", int.class).get();
                fd = JdkAccess.in(SocketImpl.class)
                        .findVarHandle(SocketImpl.class, "fd", FileDescriptor.class);
                localInetAddress = JdkAccess.in(net).findStatic(net,
                        "localInetAddress", MethodType.methodType(InetAddress.class, FileDescriptor.class));
                type = impl;
            } catch (ReflectiveOperationException | RuntimeException unavailable) {
                type = null;
            }
            TYPE = type;
            STATE_LOCK = stateLock;
            STATE = state;
            FD = fd;
            LOCAL_INET_ADDRESS = localInetAddress;
            ST_NEW = stNew;
            ST_CLOSING = stClosing;
        }

        /**
         * The local address the JDK read of this impl's socket on this thread since the last event took it, if it
         * still has that port and is open: as fresh as the kernel's, since only a bind or connect changes it, and
         * each is read again. Null when there is none: then ask the kernel.
         */
        static InetAddress readByTheJdk(Object impl) {
            if (impl.getClass() != TYPE) {
                return null;
            }
            InetSocketAddress read = LocalAddresses.take((FileDescriptor) FD.get(impl));
            if (read == null || read.getPort() != (int) Fields.LOCAL_PORT.get(impl)) {
                return null;
            }
            int state = (int) STATE.getVolatile(impl);
            return state == ST_NEW || state >= ST_CLOSING ? null : read.getAddress();
        }

        static InetAddress localAddress(Object impl) {
            synchronized ((Object) STATE_LOCK.get(impl)) {
                int state = (int) STATE.get(impl);
                if (state == ST_NEW || state >= ST_CLOSING) {
                    return null;
                }
                try {
                    return (InetAddress) LOCAL_INET_ADDRESS.invokeExact((FileDescriptor) FD.get(impl));
                } catch (IOException closed) {
                    return null;
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
    }
}
