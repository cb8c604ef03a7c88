package dev.portwatch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hosts file as the JDK's only name service ({@code -Djdk.net.hosts.file}): the JVM resolves the names it lists,
 * all to 127.0.0.1, and asks no DNS server, so tests can connect by name on loopback.
 */
final class HostsFile {

    private HostsFile() {}

    /**
     * Writes {@code file} mapping 127.0.0.1 to {@code names} (the first is what a reverse lookup of 127.0.0.1
     * answers) and returns the JVM option that makes it the JVM's name service.
     */
    static String loopback(Path file, String... names) throws IOException {
        Files.writeString(file, "127.0.0.1 " + String.join(" ", names) + "\n");
        return "-Djdk.net.hosts.file=" + file;
    }
}
