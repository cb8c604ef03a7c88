package dev.portwatch.bridge;

import java.io.FileDescriptor;
import java.net.InetSocketAddress;

/**
 * The local address the JDK itself last read on this thread, and of which descriptor: {@code NioSocketImpl} reads
 * its socket's local address ({@code Net.localAddress}, two {@code getsockname} calls) when it binds, connects and
 * accepts, keeps only the port, and drops the address. Code woven around that call hands it here, so that the
 * listener, called on the same thread right after, need not ask the kernel a third time.
 *
 * <p>One slot per thread, overwritten by the next read: bounded, and a descriptor object is never reused for
 * another socket, so the slot can only hold that socket's address as the JDK last saw it. Taking empties it.
 * Like the {@link Bridge}, it is defined on the boot loader: JDK types only, and it never throws.
 */
public final class LocalAddresses {

    // No initial value, as in Bridge: a ThreadLocal subclass would be one more class on the boot loader.
    private static final ThreadLocal<Object[]> LAST = new ThreadLocal<Object[]>();

    private LocalAddresses() {}

    /**
     * Called by the woven code with the JDK's own call's result, which it returns unchanged. It records whether
     * or not a listener is installed: an address skipped now would leave an older one in the slot.
     */
    public static InetSocketAddress read(FileDescriptor fd, InetSocketAddress address) {
        try {
            Object[] last = LAST.get();
            if (last == null) {
                last = new Object[2];
                LAST.set(last);
            }
            last[0] = fd;
            last[1] = address;
        } catch (Throwable t) {
            // out of memory for the slot: the listener asks the kernel instead
        }
        return address;
    }

    /** The address this thread last read of {@code fd}, and forgets it; null if it read none since (or another). */
    public static InetSocketAddress take(FileDescriptor fd) {
        Object[] last = LAST.get();
        if (last == null || last[0] != fd || fd == null) {
            return null;
        }
        InetSocketAddress address = (InetSocketAddress) last[1];
        last[0] = null;
        last[1] = null;
        return address;
    }
}
