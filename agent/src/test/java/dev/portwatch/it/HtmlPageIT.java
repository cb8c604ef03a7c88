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

    private static final int STATE = 4; // the State column: Proto, Local, Foreign, Remote Host, State, ...
    private static final int ROLE = 5;
    private static final int THREAD = 8; // the Thread column: ..., State, Role, Service, Opened By, Thread

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
                        && row.get(STATE).equals("LISTEN")), jvm.jdk + ": no LISTEN row for port " + port + " in " + rows);
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
            assertTrue(filtered.stream().allMatch(row -> row.get(0).startsWith("tcp") && row.get(STATE).equals("LISTEN")),
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

    /**
     * On a 1000 x 800 screen the page leads with what matters: the summary line, whose recent errors link to their
     * section, and who opened each socket, in view without scrolling sideways. The screenshot it takes is the one
     * docs/endpoint.md shows (agent/target/connections-page-1000.png, copied to docs/).
     */
    @EachJdk
    void atAThousandPixelsOpenedByIsInViewAndTheSummaryLinksToTheErrors(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk);
             ChromiumSession chromium = ChromiumSession.start(1000, 800)) {
            jvm.command("open");
            jvm.command("errors");
            chromium.open(jvm.endpoint() + "/");
            chromium.await("Number(document.getElementById('connections').dataset.refreshes) >= 1");

            assertEquals(1000L, chromium.evaluate("return document.documentElement.clientWidth;").asLong(), jvm.jdk);
            double right = chromium.evaluate("return document.querySelector('th[data-key=openedBy]')"
                    + ".getBoundingClientRect().right;").asDouble();
            assertTrue(right > 0 && right <= 1000, jvm.jdk + ": the Opened By header ends at " + right + " px");
            assertTrue(chromium.evaluate("return document.querySelector('td.code').getBoundingClientRect().right"
                    + " <= document.documentElement.clientWidth;").asBoolean(), jvm.jdk + ": an opener cell in view");

            String link = chromium.evaluate("return document.querySelector('#summary a').getAttribute('href');")
                    .asString();
            assertEquals("#recent-errors", link, jvm.jdk);
            assertEquals("Recent errors", chromium.evaluate("return document.getElementById('recent-errors')"
                    + ".textContent;").asString(), jvm.jdk);
            long errors = jvm.table().errors().size();
            assertTrue(errors > 0, jvm.jdk + ": the scenario's errors");
            String summary = chromium.evaluate("return document.getElementById('summary').textContent;").asString();
            assertTrue(summary.contains(errors + " recent errors"), jvm.jdk + ": " + summary);
            assertTrue(summary.startsWith(chromium.evaluate("return document.querySelectorAll("
                    + "'#rows tr:not(.closed):not(.none)').length;").asLong() - listeners(chromium) + " open connections"),
                    jvm.jdk + ": the summary counts the rows shown: " + summary);
            assertTrue(chromium.evaluate("return document.getElementById('summary').getBoundingClientRect().bottom"
                    + " <= window.innerHeight;").asBoolean(), jvm.jdk + ": the summary is on the first screen");

            Path png = chromium.screenshot(Path.of("target", "connections-page-1000.png"));
            byte[] bytes = Files.readAllBytes(png);
            assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1), jvm.jdk);
        }
    }

    /** The open rows that listen or are bound: the summary counts them apart from the connections. */
    private static long listeners(ChromiumSession chromium) throws Exception {
        return chromium.evaluate("return Array.from(document.querySelectorAll('#rows tr:not(.closed):not(.none)'))"
                + ".filter(tr => tr.cells[" + ROLE + "].textContent === 'listener'"
                + " || tr.cells[" + STATE + "].textContent.startsWith('BOUND'))"
                + ".length;").asLong();
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
