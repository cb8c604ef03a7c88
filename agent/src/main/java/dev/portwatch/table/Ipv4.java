package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The ends of rows with IPv4 addresses kept as numbers: a row keeps an end's address in two fields, a reference
 * ({@link #kept}) and an int ({@link #bits}), and for an IPv4 address the reference is {@link #NUMBERED} rather than
 * the socket's address object. That object and its holder (56 bytes) would otherwise live as long as the row: a
 * closed row outlives its socket while it settles and in the {@link ClosedRing}, and a young collection would copy
 * them.
 *
 * <p>The number is read as the address's {@code hashCode()}: every JDK since 1.0 returns the address itself there
 * (its holder's int field), where {@code getAddress()} copies it into a new 4-byte array each call (two per
 * connect, garbage unless the JIT removes them). The hash code is not specified to be the address, so it is checked
 * once against {@code getAddress()} on a few addresses; a JDK where it differs gets the copies. Reading the holder's
 * field directly would need the JDK's internals, which this package does not see.
 */
final class Ipv4 {

    /** The reference kept for an IPv4 address, whose number is in the int. Never shown. */
    static final InetAddress NUMBERED = address(0);
    /** Whether {@code hashCode()} is the address on this JDK: checked once, see above. */
    static final boolean HASH_IS_ADDRESS = hashIsAddress(0, 0x7f000001, 0xc0a80001, 0x80000000, -1,
            0x0a0b0c0d);

    private Ipv4() {}

    /** The reference to keep for an end's address: null for none, {@link #NUMBERED} for IPv4, else the address. */
    static InetAddress kept(InetAddress address) {
        return address instanceof Inet4Address ? NUMBERED : address;
    }

    /** The int to keep for an end's address: an IPv4 address as a number, 0 for any other or none. */
    static int bits(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return 0;
        }
        return HASH_IS_ADDRESS ? address.hashCode() : copied(address);
    }

    private static int copied(InetAddress address) {
        byte[] bytes = address.getAddress();
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
    }

    private static boolean hashIsAddress(int... samples) {
        for (int bits : samples) {
            InetAddress address = address(bits);
            if (address.hashCode() != bits || copied(address) != bits) {
                return false;
            }
        }
        return true;
    }

    /** The end kept as {@code kept} and {@code bits}; null when none. */
    static Endpoint endpoint(InetAddress kept, int bits, char port) {
        return kept == NUMBERED ? new Endpoint(address(bits), port) : kept == null ? null : new Endpoint(kept, port);
    }

    private static InetAddress address(int bits) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16),
                (byte) (bits >>> 8), (byte) bits});
        } catch (UnknownHostException impossible) { // only for a length other than 4 or 16
            throw new IllegalStateException(impossible);
        }
    }
}
