package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Dynamic attach through the CLI: a JVM started without the agent gets it with {@code attach <pid>}; the sockets
 * it had before are listed from the kernel's view with their kernel state, new ones are tracked with opener and
 * connect duration, a CLOSE_WAIT shows, and attaching twice is harmless.
 */
@Timeout(180)
class AttachIT {

    private static final Pattern URL = Pattern.compile("(http://\\S+)/connections");

    @EachJdk
    @SuppressWarnings("unchecked")
    void attachShowsPreexistingAndNewSockets(Path jdk) throws Exception {
        try (AgentJvm target = AgentJvm.start(jdk, null, PreexistingSockets.class.getName())) {
            String ready = target.awaitLine("OK ready");
            long listenerPort = Long.parseLong(ready.substring(ready.indexOf("port=") + 5));

            Cli attach = Cli.run(jdk, "attach", Long.toString(target.pid()));
            assertEquals(0, attach.exitCode(), attach.stderr());
            Matcher url = URL.matcher(attach.stdout());
            assertTrue(url.find(), attach.stdout());
            String endpoint = url.group(1);

            List<Map<String, Object>> rows = rows(endpoint);
            List<Map<String, Object>> seenByKernel = rows.stream()
                    .filter(row -> "kernel".equals(row.get("source"))).toList();
            assertEquals(5, seenByKernel.size(), "listener + 2 connections, both ends: " + rows);
            Map<String, Object> listener = seenByKernel.stream().filter(row -> "LISTEN".equals(row.get("state")))
                    .findFirst().orElseThrow();
            assertEquals(listenerPort, ((Map<String, Object>) listener.get("local")).get("port"));
            assertEquals("LISTEN", ((Map<String, Object>) listener.get("kernel")).get("state"));
            assertEquals(2L, seenByKernel.stream().filter(row -> "inbound".equals(row.get("role"))).count(), rows.toString());
            assertTrue(seenByKernel.stream().allMatch(row -> row.get("openedBy") == null), rows.toString());

            target.command("connect");
            // The kernel's view may be a few seconds old when the network namespace holds many sockets.
            rows = rowsOnceTheKernelSees(endpoint, row -> "agent".equals(row.get("source"))
                    && "outbound".equals(row.get("role")) && !(Boolean) row.get("agent"));
            List<Map<String, Object>> tracked = rows.stream()
                    .filter(row -> "agent".equals(row.get("source")) && !(Boolean) row.get("agent")).toList();
            assertEquals(2, tracked.size(), "the new connection, both ends: " + rows);
            Map<String, Object> outbound = tracked.stream().filter(row -> "outbound".equals(row.get("role")))
                    .findFirst().orElseThrow();
            assertTrue(String.valueOf(outbound.get("openedBy")).startsWith(PreexistingSockets.class.getName()),
                    outbound.toString());
            assertTrue(((Number) outbound.get("connectSeconds")).doubleValue() > 0, outbound.toString());
            assertEquals("ESTABLISHED", ((Map<String, Object>) outbound.get("kernel")).get("state"));

            target.command("closewait");
            rows = rowsOnceTheKernelSees(endpoint, row -> row.get("kernel") != null
                    && "CLOSE_WAIT".equals(((Map<String, Object>) row.get("kernel")).get("state")));
            assertTrue(rows.stream().anyMatch(row -> "agent".equals(row.get("source"))
                    && "ESTABLISHED".equals(row.get("state")) && row.get("kernel") != null
                    && "CLOSE_WAIT".equals(((Map<String, Object>) row.get("kernel")).get("state"))),
                    "a connection whose peer closed shows CLOSE_WAIT: " + rows);

            Cli again = Cli.run(jdk, "attach", Long.toString(target.pid()));
            assertEquals(0, again.exitCode(), again.stderr());
            assertTrue(again.stdout().contains("already running"), again.stdout());

            Cli connections = Cli.run(jdk, "connections", Long.toString(target.pid()));
            assertEquals(0, connections.exitCode(), connections.stderr());
            assertTrue(connections.stdout().contains("Proto"), connections.stdout());
            assertTrue(connections.stdout().contains("127.0.0.1:" + listenerPort), connections.stdout());
            assertTrue(connections.stdout().contains("(kernel: CLOSE_WAIT)"), connections.stdout());

            Cli list = Cli.run(jdk, "list");
            assertEquals(0, list.exitCode(), list.stderr());
            assertTrue(list.stdout().lines().anyMatch(line -> line.startsWith(Long.toString(target.pid()))
                    && line.contains(PreexistingSockets.class.getName()) && line.contains(endpoint)),
                    list.stdout());
        }
    }

    /** The rows, once one that {@code wanted} matches has the kernel's view (or after 15 s, for the assertions). */
    private static List<Map<String, Object>> rowsOnceTheKernelSees(String endpoint,
            Predicate<Map<String, Object>> wanted) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<Map<String, Object>> rows = rows(endpoint);
        while (System.nanoTime() < deadline
                && rows.stream().noneMatch(row -> wanted.test(row) && row.get("kernel") != null)) {
            Thread.sleep(200);
            rows = rows(endpoint);
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(String endpoint) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/connections.json").toURL()
                .openConnection();
        connection.setReadTimeout(10000);
        String body = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return (List<Map<String, Object>>) MiniJson.object(body).get("connections");
    }
}
