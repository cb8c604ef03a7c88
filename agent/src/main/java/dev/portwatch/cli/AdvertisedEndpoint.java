package dev.portwatch.cli;

import dev.portwatch.log.Printable;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether the endpoint a JVM advertises ({@code portwatch.endpoint}) may be sent the token. The property
 * is the JVM's word only: any JVM of the user can set it, with or without portwatch. So it is used only when it is
 * {@code http} or {@code https} on a loopback (or wildcard) address, and its port is a listening socket of that
 * very process: one of the socket inodes in its {@code /proc/<pid>/fd} is LISTEN on that port in its
 * {@code /proc/<pid>/net/tcp*}, in the CLI's own network namespace.
 */
final class AdvertisedEndpoint {

    private AdvertisedEndpoint() {}

    /** The URL to read the endpoint at (a wildcard address becomes loopback), or why it is refused. */
    static URI verify(long pid, String advertised) throws CliException {
        URI uri = parse(pid, advertised);
        InetAddress address = literal(pid, uri.getHost());
        if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
            throw refused(pid, advertised, "not a loopback address");
        }
        requireSameNetworkNamespace(pid);
        InetAddress target = address.isAnyLocalAddress() ? loopbackLike(address) : address;
        boolean listening = KernelView.ofProcess(pid).owned().stream().anyMatch(socket -> socket.isListening()
                && socket.local().port() == uri.getPort() && accepts(socket, target));
        if (!listening) {
            throw refused(pid, advertised, "port " + uri.getPort() + " is not a listening socket of process " + pid);
        }
        String host = target instanceof Inet6Address ? "[" + target.getHostAddress() + "]" : target.getHostAddress();
        return URI.create(uri.getScheme() + "://" + host + ":" + uri.getPort());
    }

    /** The loopback address of the wildcard's family. */
    private static InetAddress loopbackLike(InetAddress wildcard) throws CliException {
        try {
            return InetAddress.getByName(wildcard instanceof Inet6Address ? "::1" : "127.0.0.1");
        } catch (UnknownHostException impossible) {
            throw new CliException(ExitCode.UNTRUSTED_ENDPOINT, "no loopback address");
        }
    }

    /** Whether a connection to {@code target} reaches this listener: bound to it, or to a wildcard that covers it. */
    private static boolean accepts(KernelSocket listener, InetAddress target) {
        InetAddress local = listener.local().address();
        return local.equals(target)
                || local.isAnyLocalAddress() && (local instanceof Inet6Address || target instanceof Inet4Address);
    }

    private static URI parse(long pid, String advertised) throws CliException {
        URI uri;
        try {
            uri = new URI(advertised);
        } catch (URISyntaxException | RuntimeException malformed) {
            throw refused(pid, advertised, "not a URL");
        }
        boolean scheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        boolean bare = uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!scheme || !bare || uri.getHost() == null || uri.getPort() < 1) {
            throw refused(pid, advertised, "not http(s)://address:port");
        }
        return uri;
    }

    /** The address of an IP literal; a name is refused (it would need a lookup, and could name anything). */
    private static InetAddress literal(long pid, String host) throws CliException {
        // A dotted quad past 255 is no literal to InetAddress, which would then look it up as a name.
        boolean literal = host.startsWith("[") || host.matches("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}"
                + "(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
        try {
            if (literal) {
                return InetAddress.getByName(host);
            }
        } catch (UnknownHostException malformed) {
            // refused below
        }
        throw refused(pid, host, "not an IP address");
    }

    /** Loopback in another network namespace (a container) is another machine's loopback. */
    private static void requireSameNetworkNamespace(long pid) throws CliException {
        try {
            Path mine = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            Path theirs = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"));
            if (!mine.equals(theirs)) {
                throw new CliException(ExitCode.UNTRUSTED_ENDPOINT, "JVM " + pid + " runs in another network "
                        + "namespace; run the CLI inside it");
            }
        } catch (IOException | RuntimeException unreadable) {
            throw new CliException(ExitCode.UNTRUSTED_ENDPOINT, "cannot tell the network namespace of process "
                    + pid + " (" + unreadable.getMessage() + ")");
        }
    }

    private static CliException refused(long pid, String advertised, String why) {
        String shown = advertised.length() > 80 ? advertised.substring(0, 80) + "..." : advertised;
        return new CliException(ExitCode.UNTRUSTED_ENDPOINT, "JVM " + pid + " advertises the endpoint '"
                + Printable.escape(shown) + "', which is " + why + "; not sending it a request or the token");
    }
}
