package dev.portwatch.port;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The conventional service name of a port for a transport (443/tcp → https), from the system's services database
 * ({@code /etc/services}) where there is one, else from a small built-in table of ports services commonly use.
 *
 * <p>Read with a {@link FileInputStream}, never through NIO's {@code Files}: on JDK 25 its streams link
 * {@code sun.nio.ch.SocketChannelImpl}, which would make the agent weave a socket class nobody has used yet.
 */
public final class ServiceNames {

    static final Path SYSTEM_DATABASE = Path.of("/etc/services");

    private static final String[] BUILT_IN = {
        "20 ftp-data", "21 ftp", "22 ssh", "23 telnet", "25 smtp", "53 domain", "67 bootps", "68 bootpc",
        "69 tftp", "80 http", "110 pop3", "123 ntp", "143 imap2", "161 snmp", "389 ldap", "443 https",
        "465 submissions", "514 syslog", "587 submission", "636 ldaps", "853 domain-s", "993 imaps", "995 pop3s",
        "1433 ms-sql-s", "1521 oracle", "1883 mqtt", "2049 nfs", "2181 zookeeper", "2379 etcd-client",
        "3306 mysql", "3389 ms-wbt-server", "4317 otlp-grpc", "4318 otlp-http", "5353 mdns", "5432 postgresql",
        "5672 amqp", "6379 redis", "6443 kubernetes", "8080 http-alt", "8443 https-alt", "9042 cassandra",
        "9090 prometheus", "9092 kafka", "9200 elasticsearch", "9465 portwatch", "11211 memcache",
        "27017 mongodb",
    };

    private final Map<String, String> byPortAndTransport;

    private ServiceNames(Map<String, String> byPortAndTransport) {
        this.byPortAndTransport = byPortAndTransport;
    }

    /** The system database merged over the built-in table: a name the system gives wins. */
    public static ServiceNames load() {
        return load(SYSTEM_DATABASE);
    }

    static ServiceNames load(Path servicesFile) {
        Map<String, String> names = new HashMap<>();
        for (String entry : BUILT_IN) {
            String[] portAndName = entry.split(" ");
            names.put(key(Integer.parseInt(portAndName[0]), "tcp"), portAndName[1]);
            names.put(key(Integer.parseInt(portAndName[0]), "udp"), portAndName[1]);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new FileInputStream(servicesFile.toFile()), StandardCharsets.ISO_8859_1))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                parseLine(line, names);
            }
        } catch (IOException | UnsupportedOperationException absentOrUnreadable) {
            // The built-in table is still there.
        }
        return new ServiceNames(Map.copyOf(names));
    }

    /** {@code name  port/transport  [aliases...]  [# comment]}, as services(5) describes. */
    private static void parseLine(String line, Map<String, String> names) {
        int comment = line.indexOf('#');
        String[] fields = (comment < 0 ? line : line.substring(0, comment)).trim().split("\\s+");
        if (fields.length < 2) {
            return;
        }
        int slash = fields[1].indexOf('/');
        if (slash <= 0) {
            return;
        }
        try {
            int port = Integer.parseInt(fields[1].substring(0, slash));
            if (port >= 0 && port <= 65535) {
                names.put(key(port, fields[1].substring(slash + 1)), fields[0]);
            }
        } catch (NumberFormatException notAPort) {
            // A malformed line is skipped, as the C library does.
        }
    }

    /** The service name, or null for a port without one. Dynamic ports never have one. */
    public String nameOf(int port, String transport) {
        if (PortClass.of(port) == PortClass.DYNAMIC) {
            return null;
        }
        return byPortAndTransport.get(key(port, transport));
    }

    private static String key(int port, String transport) {
        return port + "/" + transport;
    }
}
