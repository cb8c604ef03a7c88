package dev.portwatch.funnel;

/**
 * Whether this JVM lets portwatch read the ends of a {@code java.net.SocketImpl} (its address fields are protected:
 * the agent opens {@code java.net} to itself before it records anything). A class of its own rather than a static
 * method of {@link Funnel}: calling one initializes the enum, every funnel's ends and Netty's class values with it,
 * some fifteen classes that the check, made while the JVM starts, does not need.
 */
public final class EndsAccess {

    private EndsAccess() {}

    /** Fails when the ends of a {@code java.net.SocketImpl} cannot be read. */
    public static void check() throws ReflectiveOperationException {
        SocketImplEnds.checkAccess();
    }
}
