package dev.portwatch.capture;

import dev.portwatch.access.JdkAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The host name an {@code InetSocketAddress} was made or resolved from, read from the JDK's fields without making
 * a string: {@code getHostString()} formats the address as text each time it has no name (~100 ns and ~50 bytes a
 * connect, for a text that is then thrown away as a literal). Where those fields cannot be read, or do not behave
 * as expected at the first use, {@link #hostString} falls back to {@code getHostString()}.
 */
final class AskedHosts {

    /** The address's own name field, its address, and that address's name field; all null when out of reach. */
    private static final VarHandle SOCKET_ADDRESS_HOLDER;
    private static final VarHandle HOLDER_NAME;
    private static final VarHandle HOLDER_ADDRESS;
    private static final VarHandle ADDRESS_HOLDER;
    private static final VarHandle ADDRESS_NAME;
    private static final boolean READABLE;

    static {
        VarHandle socketAddressHolder = null;
        VarHandle holderName = null;
        VarHandle holderAddress = null;
        VarHandle addressHolder = null;
        VarHandle addressName = null;
        try {
            Class<?> holder = Class.forName("java.net.InetSocketAddress$InetSocketAddressHolder");
            Class<?> inetHolder = Class.forName("java.net.InetAddress$InetAddressHolder");
            socketAddressHolder = JdkAccess.in(InetSocketAddress.class)
                    .findVarHandle(InetSocketAddress.class, "holder", holder);
            MethodHandles.Lookup inHolder = JdkAccess.in(holder);
            holderName = inHolder.findVarHandle(holder, "hostname", String.class);
            holderAddress = inHolder.findVarHandle(holder, "addr", InetAddress.class);
            addressHolder = JdkAccess.in(InetAddress.class).findVarHandle(InetAddress.class, "holder", inetHolder);
            addressName = JdkAccess.in(inetHolder).findVarHandle(inetHolder, "hostName", String.class);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            socketAddressHolder = null; // another JDK's fields, or no access: getHostString() it is
        }
        SOCKET_ADDRESS_HOLDER = socketAddressHolder;
        HOLDER_NAME = holderName;
        HOLDER_ADDRESS = holderAddress;
        ADDRESS_HOLDER = addressHolder;
        ADDRESS_NAME = addressName;
        READABLE = socketAddressHolder != null && selfTest();
    }

    private AskedHosts() {}

    /** Whether the names are read from the fields (else formatted by getHostString()): for tests. */
    static boolean fieldsRead() {
        return READABLE;
    }

    /**
     * What {@code getHostString()} returns when the address has a name (given, or resolved from); null where it
     * would format the address itself as text.
     */
    static String hostString(InetSocketAddress address) {
        if (!READABLE) {
            return address.getHostString();
        }
        return read(address);
    }

    private static String read(InetSocketAddress address) {
        Object holder = SOCKET_ADDRESS_HOLDER.get(address);
        String name = (String) HOLDER_NAME.get(holder);
        if (name != null) {
            return name;
        }
        InetAddress inet = (InetAddress) HOLDER_ADDRESS.get(holder);
        return inet == null ? null : (String) ADDRESS_NAME.get(ADDRESS_HOLDER.get(inet));
    }

    /** Checks the reads against {@code getHostString()} on an unresolved address, a named one and a bare one. */
    private static boolean selfTest() {
        try {
            byte[] loopback = {127, 0, 0, 1};
            InetSocketAddress unresolved = InetSocketAddress.createUnresolved("unresolved.invalid", 1);
            InetSocketAddress named = new InetSocketAddress(InetAddress.getByAddress("named.invalid", loopback), 2);
            InetSocketAddress bare = new InetSocketAddress(InetAddress.getByAddress(loopback), 3);
            return "unresolved.invalid".equals(read(unresolved)) && "named.invalid".equals(read(named))
                    && read(bare) == null && "127.0.0.1".equals(bare.getHostString());
        } catch (Exception | LinkageError unexpected) {
            return false;
        }
    }
}
