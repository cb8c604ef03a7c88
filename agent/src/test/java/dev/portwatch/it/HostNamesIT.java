package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host name a connect asked for travels with its row and its error, as the application gave it, and the agent
 * never resolves anything: the JVM's only name service is a hosts file that answers a reverse lookup of 127.0.0.1
 * with a name of its own ({@value #REVERSE_TRAP}), which therefore must appear nowhere the agent writes.
 */
@Timeout(120)
class HostNamesIT {

    /** The first name of 127.0.0.1 in the hosts file: what any reverse lookup of 127.0.0.1 would answer. */
    private static final String REVERSE_TRAP = "reverse-lookup.portwatch.test";

    @TempDir
    Path dir;

    @EachJdk
    void rowsAndErrorsNameTheHostTheApplicationAskedFor(Path jdk) throws Exception {
        String hosts = HostsFile.loopback(dir.resolve("hosts-" + jdk.getFileName()), REVERSE_TRAP, "localhost",
                HostNamesScenario.NAME, HostNamesScenario.DATAGRAM_NAME);
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of(hosts), null,
                "port=0,closedRetention=60s", HostNamesScenario.class.getName())) {
            long listener = Long.parseLong(jvm.awaitReady().get("listener"));
            Map<String, Long> opened = fields(jvm.command("connect"));
            Map<String, String> failures = words(jvm.command("unresolvable"));
            assertEquals(Map.of("socket", "UnknownHostException", "channel", "UnresolvedAddressException"),
                    failures, jvm.jdk);

            Table table = jvm.table();
            Map<String, String> expected = new TreeMap<>(Map.of(
                    "socketByName", HostNamesScenario.NAME,
                    "socketByLocalhost", "localhost",
                    "socketByResolvedName", HostNamesScenario.NAME,
                    "socketByLiteral", "-",
                    "channelByName", HostNamesScenario.NAME,
                    "channelByLiteral", "-",
                    "datagramByName", HostNamesScenario.DATAGRAM_NAME));
            Map<String, String> recorded = new TreeMap<>();
            opened.forEach((how, localPort) -> table.applicationRows().stream()
                    .filter(row -> row.local() != null && row.local().port() == localPort && row.remote() != null)
                    .forEach(row -> {
                        assertEquals("127.0.0.1", row.remote().address(), jvm.jdk + ": " + row);
                        assertEquals(listener, row.remote().port(), jvm.jdk + ": " + row);
                        recorded.put(how, row.remote().host() == null ? "-" : row.remote().host());
                    }));
            assertEquals(expected, recorded, jvm.jdk + ": the host of each outbound row, by how it connected");
            for (Row inbound : table.rows(row -> "inbound".equals(row.role()))) {
                assertNull(inbound.remote().host(), jvm.jdk + ": an accepted peer was asked for by nobody");
            }

            List<ErrorRow> unresolved = table.errors("connect").stream()
                    .filter(error -> HostNamesScenario.UNRESOLVABLE.equals(error.host())).toList();
            assertEquals(List.of("Socket UnknownHostException", "SocketChannel UnresolvedAddressException"),
                    unresolved.stream().map(error -> error.api() + " " + error.errorType()).sorted().toList(),
                    jvm.jdk + ": " + table.errors());
            for (ErrorRow error : unresolved) {
                assertNull(error.address(), jvm.jdk + ": a name that did not resolve has no address: " + error);
                assertEquals(listener, error.port(), jvm.jdk + ": " + error);
            }

            String text = jvm.get("/connections");
            assertTrue(text.contains(HostNamesScenario.NAME) && text.contains(HostNamesScenario.UNRESOLVABLE),
                    jvm.jdk + ": the text table names the hosts:\n" + text);
            // The live page, as Chromium renders it after its script rebuilt the rows: the Remote Host column.
            List<List<String>> page = Chromium.rows(Chromium.dumpDom(jvm.endpoint() + "/"), "rows");
            long socketByName = opened.get("socketByName");
            assertEquals(List.of(HostNamesScenario.NAME), page.stream()
                    .filter(row -> row.get(1).endsWith(":" + socketByName)).map(row -> row.get(3)).toList(),
                    jvm.jdk + ": the page's Remote Host column: " + page);

            String everything = jvm.get("/connections.json") + text + jvm.get("/") + jvm.get("/metrics")
                    + String.join("\n", jvm.stderr());
            assertFalse(everything.contains(REVERSE_TRAP), jvm.jdk + ": the agent looked 127.0.0.1 up by address");
        }
    }

    /** {@code OK connect a=1 b=2} as {@code {a=1, b=2}}. */
    private static Map<String, Long> fields(String answer) {
        return words(answer).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> Long.parseLong(entry.getValue()), (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, String> words(String answer) {
        Map<String, String> words = new LinkedHashMap<>();
        for (String word : answer.split(" ")) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                words.put(word.substring(0, equals), word.substring(equals + 1));
            }
        }
        return words;
    }
}
