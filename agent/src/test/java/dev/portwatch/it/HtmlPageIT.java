package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /} in a real browser: headless Chromium loads the page of a JVM running the scenario with the agent,
 * lets its script refresh the table from {@code /connections.json}, and the DOM it ends with has a row for every
 * listener, shows a hostile thread name as text (the markup in it never runs), keeps the filters, and shows the
 * endpoint's reason for a bad one.
 */
@Timeout(180)
class HtmlPageIT {

    private static final int THREAD = 7; // the Thread column: Proto, Local, Foreign, State, Role, Service, Opened By

    @EachJdk
    void theLivePageShowsEveryListenerAndHostileNamesOnlyAsText(Path jdk, @TempDir Path temp) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            jvm.command("open");
            jvm.command("hostile");
            List<Row> connections = jvm.table().rows();
            List<Long> listenerPorts = connections.stream()
                    .filter(row -> row.role().equals("listener") && row.state().equals("LISTEN"))
                    .map(row -> row.local().port()).toList();
            long hostilePort = connections.stream()
                    .filter(row -> SocketScenario.HOSTILE_THREAD.equals(row.thread()))
                    .map(row -> row.local().port()).findFirst()
                    .orElseThrow(() -> new AssertionError(jvm.jdk + ": no row opened by the hostile thread"));
            assertTrue(listenerPorts.size() >= 7, jvm.jdk + ": the scenario's listeners, the agent's and the "
                    + "hostile one: " + listenerPorts);

            String dom = Chromium.dumpDom(jvm.endpoint() + "/");
            assertTrue(refreshes(dom) >= 2, jvm.jdk + ": the script refreshed the rows at least twice: " + dom);
            List<List<String>> rows = Chromium.rows(dom, "rows");
            for (long port : listenerPorts) {
                assertTrue(rows.stream().anyMatch(row -> row.get(1).endsWith(":" + port)
                        && row.get(3).equals("LISTEN")), jvm.jdk + ": no LISTEN row for port " + port + " in " + rows);
            }
            List<String> hostileRow = rows.stream().filter(row -> row.get(1).endsWith(":" + hostilePort))
                    .findFirst().orElseThrow();
            assertEquals(SocketScenario.HOSTILE_THREAD, hostileRow.get(THREAD), jvm.jdk + ": the name, as text");
            assertTrue(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), jvm.jdk + ": " + dom);
            assertFalse(dom.contains(SocketScenario.HOSTILE_THREAD), jvm.jdk + ": the name became markup");
            assertEquals(1, Pattern.compile("<script").matcher(dom).results().count(), "the page's own script only");
            String title = title(dom);
            assertTrue(title.startsWith("portwatch") && !title.contains("pwned"), jvm.jdk + ": title " + title);

            String listening = Chromium.dumpDom(jvm.endpoint() + "/?transport=tcp&state=listen");
            assertTrue(refreshes(listening) >= 2, jvm.jdk + ": " + listening);
            List<List<String>> filtered = Chromium.rows(listening, "rows");
            assertEquals(listenerPorts.size(), filtered.size(), jvm.jdk + ": " + filtered);
            assertTrue(filtered.stream().allMatch(row -> row.get(0).startsWith("tcp") && row.get(3).equals("LISTEN")),
                    jvm.jdk + ": " + filtered);
            assertTrue(Pattern.compile("<option selected=\"\">tcp</option>").matcher(listening).find()
                    && Pattern.compile("<option selected=\"\">listen</option>").matcher(listening).find(),
                    jvm.jdk + ": the form shows the filter");

            String bad = Chromium.dumpDom(jvm.endpoint() + "/?port=99999");
            Matcher status = Pattern.compile("<p id=\"status\"[^>]*>(.*?)</p>", Pattern.DOTALL).matcher(bad);
            assertTrue(status.find(), bad);
            assertEquals("bad value '99999' for port; accepted: 0 to 65535", Chromium.text(status.group(1)));
            assertEquals(List.of(), Chromium.rows(bad, "rows"), jvm.jdk + ": no rows for a bad filter");

            Path png = Chromium.screenshot(jvm.endpoint() + "/", temp.resolve("page.png"), 1400, 900);
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 10_000, jvm.jdk + ": screenshot of " + bytes.length + " bytes");
            assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
        }
    }

    private static int refreshes(String dom) {
        Matcher refreshes = Pattern.compile("data-refreshes=\"(\\d+)\"").matcher(dom);
        return refreshes.find() ? Integer.parseInt(refreshes.group(1)) : 0;
    }

    private static String title(String dom) {
        Matcher title = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL).matcher(dom);
        assertTrue(title.find(), "no title in " + dom);
        return Chromium.text(title.group(1));
    }
}
