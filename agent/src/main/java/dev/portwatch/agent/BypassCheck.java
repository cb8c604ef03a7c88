package dev.portwatch.agent;

import java.util.Locale;

/**
 * Says so, once at start, when the JVM is set to route sockets around the classes portwatch instruments, so an
 * operator never mistakes a blind spot for an idle socket API. On JDK 17, {@code -Djdk.net.usePlainSocketImpl}
 * swaps {@code NioSocketImpl} for the legacy implementation; JDK 18 removed that implementation and ignores the
 * property.
 */
final class BypassCheck {

    static final String PLAIN_SOCKET_IMPL = "jdk.net.usePlainSocketImpl";

    private BypassCheck() {}

    /** The warning to print, or null when nothing bypasses the funnels; {@code plain} is the property's value. */
    static String warning(int jdkFeature, String plain) {
        // The JDK's own test: set to anything but "false" (an empty -Djdk.net.usePlainSocketImpl included).
        if (jdkFeature >= 18 || plain == null || plain.toLowerCase(Locale.ROOT).equals("false")) {
            return null;
        }
        return "-D" + PLAIN_SOCKET_IMPL + " makes Socket and ServerSocket use the legacy implementation, which "
                + "portwatch does not instrument: their sockets appear only from the kernel's view (source=kernel, "
                + "no opener, no bytes); channels are recorded as usual";
    }
}
