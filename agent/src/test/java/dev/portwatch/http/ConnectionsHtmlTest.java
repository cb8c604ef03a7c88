package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConnectionsHtmlTest {

    private static final String HOSTILE_THREAD = "<script>alert(1)</script>";

    @Test
    void hostileValuesAppearOnlyEscaped() {
        ConnectionView row = Rows.listener(1, 8080, HOSTILE_THREAD,
                Rows.opener("ServerSocket", "com.example.Tom&Jerry\"s", "open'<b>", "A&B\".java", 7));
        SocketError error = Rows.error("<img src=x onerror=alert(2)>",
                Rows.opener("Socket", "com.example.O'Brien&Co", "dial\"", "Dial.java", 3));
        String page = ConnectionsHtml.render(Rows.report(ConnectionFilter.ALL, List.of(row), List.of(error)));

        assertContains(page, "<td class=\"wrap\">&lt;script&gt;alert(1)&lt;/script&gt;</td>");
        assertFalse(page.contains(HOSTILE_THREAD));
        assertFalse(page.contains("alert(1)</script>"));
        // openedBy "com.example.Tom&Jerry"s.open'<b>(A&B".java:7); the page may wrap it after a dot or before "(".
        assertContains(page, "Tom&amp;Jerry&quot;s.<wbr>open&#39;&lt;b&gt;<wbr>(A&amp;B&quot;.java:7)");
        for (String raw : List.of("Jerry\"s", "open'", "<b>", "A&B", "B\".java")) {
            assertFalse(page.contains(raw), raw);
        }
        assertContains(page, "ConnectException: &lt;img src=x onerror=alert(2)&gt;");
        assertContains(page, "O&#39;Brien&amp;Co.<wbr>dial&quot;<wbr>(Dial.java:3)");
        assertFalse(page.contains("<img"));
        assertFalse(page.contains("O'Brien"));
        assertEquals(1, count(page, "<script"), "only the page's own script");
        assertEquals(1, count(page, "</script"));
    }

    @Test
    void filtersAreReflectedInTheForm() throws BadRequestException {
        ConnectionFilter filter = ConnectionFilter.parse("transport=UDP&state=open&role=datagram&port=5353");
        String page = ConnectionsHtml.render(Rows.report(filter, List.of(), List.of()));

        assertEquals(List.of("udp", "open", "datagram"), selected(page));
        assertContains(page, "<input name=\"port\" inputmode=\"numeric\" size=\"6\" value=\"5353\">");

        String listeners = ConnectionsHtml.render(Rows.report(ConnectionFilter.parse("state=listen&role=listener"),
                List.of(), List.of()));
        assertEquals(List.of("listen", "listener"), selected(listeners));
        assertContains(listeners, "<input name=\"port\" inputmode=\"numeric\" size=\"6\" value=\"\">");

        assertEquals(List.of(), selected(ConnectionsHtml.render(Rows.report(ConnectionFilter.ALL, List.of(),
                List.of()))), "no filter: every select shows 'any'");
    }

    @Test
    void everyFilterOptionIsAValueTheEndpointAccepts() throws BadRequestException {
        String page = ConnectionsHtml.render(Rows.report(ConnectionFilter.ALL, List.of(), List.of()));
        Matcher select = Pattern.compile("<select name=\"(\\w+)\">(.*?)</select>").matcher(page);
        int options = 0;
        while (select.find()) {
            Matcher option = Pattern.compile("<option(?: value=\"\")?>([^<]*)</option>").matcher(select.group(2));
            while (option.find()) {
                String value = option.group(1).equals("any") ? "" : option.group(1);
                ConnectionFilter parsed = ConnectionFilter.parse(select.group(1) + "=" + value);
                assertEquals(value, parsed.value(select.group(1)));
                options++;
            }
        }
        assertEquals(3 + 8 + 5, options, "transport, state (with open) and role, each with 'any'");
    }

    @Test
    void pageLoadsNothingFromAnywhereAndItsPolicyAllowsOnlyItsOwnStyleAndScript() {
        ConnectionView row = Rows.listener(1, 8080, "main",
                Rows.opener("ServerSocket", "com.example.App", "start", "App.java", 31));
        String page = ConnectionsHtml.render(Rows.report(ConnectionFilter.ALL, List.of(row),
                List.of(Rows.error("Connection refused", Rows.opener("Socket", "a.B", "c", "B.java", 1)))));

        assertFalse(page.toLowerCase(Locale.ROOT).contains("http://"), "no http:// URL");
        assertFalse(page.toLowerCase(Locale.ROOT).contains("https://"), "no https:// URL");
        assertFalse(page.contains("@import"));
        assertFalse(page.contains("url("), "no CSS url()");
        Matcher link = Pattern.compile("\\b(src|href|action)=\"([^\"]*)\"").matcher(page);
        while (link.find()) {
            String target = link.group(2);
            assertTrue(target.equals("/") || target.equals("#recent-errors") || target.startsWith("data:"),
                    link.group());
        }
        assertTrue(page.contains("fetch(\"/connections.json\" + location.search"), "the script reads this endpoint");

        String policy = ConnectionsHtml.CONTENT_SECURITY_POLICY;
        assertTrue(policy.startsWith("default-src 'none'; "), policy);
        assertTrue(policy.contains("; connect-src 'self'; img-src data:"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertTrue(policy.contains("script-src '" + ConnectionsHtml.sha256(between(page, "<script>", "</script>"))
                + "'"), "the policy allows exactly the inline script");
        assertTrue(policy.contains("style-src '" + ConnectionsHtml.sha256(between(page, "<style>", "</style>"))
                + "'"), "the policy allows exactly the inline style");
    }

    @Test
    void rowsShowTheColumnsAndMarkLeakedAgentAndClosedRows() {
        List<ConnectionView> rows = List.of(
                Rows.row(1, Role.LISTENER, State.LISTEN, Rows.endpoint("127.0.0.1", 9465), null, true, false),
                Rows.row(2, Role.OUTBOUND, State.ESTABLISHED, Rows.endpoint("127.0.0.1", 41960),
                        Rows.endpoint("127.0.0.1", 5432), false, true),
                Rows.row(3, Role.INBOUND, State.CLOSED, Rows.endpoint("::1", 8080), Rows.endpoint("::1", 50000),
                        false, false));
        String page = ConnectionsHtml.render(Rows.report(ConnectionFilter.ALL, rows, List.of()));

        List<String> headers = matches(page, "<th data-key=\"\\w+\"(?: class=\"\\w+\")?>([^<]+)</th>");
        assertEquals(List.of("Proto", "Local Address", "Foreign Address", "Remote Host", "State", "Role", "Service",
                "Opened By", "Thread", "Connect", "Bytes In", "Bytes Out", "Kernel", "API", "Opened At"), headers);
        assertContains(page, "<tr class=\"agent\"><td>tcp</td>"
                + "<td class=\"addr\" title=\"registered\">127.0.0.1:9465</td>"
                + "<td class=\"addr\">*:*</td><td class=\"addr\">-</td><td class=\"wrap\">LISTEN</td><td>listener</td><td>portwatch</td>");
        assertTrue(page.contains("<td class=\"code\">portwatch endpoint</td>"));
        assertContains(page, "<tr class=\"leaked\"><td>tcp</td>"
                + "<td class=\"addr\" title=\"registered, ephemeral\">127.0.0.1:41960</td>"
                + "<td class=\"addr\" title=\"registered\">127.0.0.1:5432</td><td class=\"addr\">-</td>"
                + "<td class=\"wrap\">ESTABLISHED <span class=\"badge\">leaked</span></td>"
                + "<td>outbound</td><td>postgresql</td>"
                + "<td class=\"code\">com.<wbr>example.<wbr>App.<wbr>run<wbr>(App.java:10)</td>"
                + "<td class=\"wrap\">main</td><td class=\"num\">-</td><td class=\"num\">300</td>"
                + "<td class=\"num\">1000</td><td class=\"wrap\">-</td><td class=\"wrap\">Socket</td>"
                + "<td class=\"time\" title=\"2026-11-18T11:06:40Z\">11:06:40</td></tr>");
        assertContains(page, "<tr class=\"closed\"><td>tcp6</td><td class=\"addr\" title=\"registered\">"
                + Rows.endpoint("::1", 8080).display() + "</td>");
        // Counted from the rows shown: the agent's listener, the leaked connection, the closed one.
        assertContains(page, "<p id=\"summary\"><strong>1 open connections</strong> \u00b7 1 listeners \u00b7 "
                + "<a href=\"#recent-errors\">0 recent errors</a> \u00b7 1 leaked \u00b7 0 dead</p>");
        assertContains(page, "<p id=\"context\">pid 4242 \u00b7 2026-11-18T11:06:40Z \u00b7 1 recently closed "
                + "\u00b7 ephemeral ports 32768\u201360999 \u00b7 since start: 0 leaked, 0 untracked</p>");
        assertContains(page, "<h2 id=\"recent-errors\">Recent errors</h2>");
        assertTrue(page.contains("<td colspan=\"8\">no failed connects or binds</td>"));
    }

    @Test
    void errorsAreListedWithDurationAndOpener() {
        String page = ConnectionsHtml.render(Rows.report(ConnectionFilter.ALL, List.of(),
                List.of(Rows.error("Connection refused", Rows.opener("Socket", "com.example.Cache", "connect",
                        "Cache.java", 77)))));
        assertContains(page, "<tr><td>connect</td><td>tcp</td><td class=\"addr\">127.0.0.1:6379</td>"
                + "<td class=\"addr\">-</td><td class=\"wrap\">ConnectException: Connection refused</td>"
                + "<td class=\"num\">0.4 ms</td>"
                + "<td class=\"time\" title=\"2026-11-18T11:06:40Z\">11:06:40</td>"
                + "<td class=\"code\">com.<wbr>example.<wbr>Cache.<wbr>connect<wbr>(Cache.java:77)</td></tr>");
        assertTrue(page.contains("<td colspan=\"15\">no connections match</td>"));
    }

    @Test
    void aBadFilterShowsTheEndpointsOneLineReason() {
        try {
            ConnectionFilter.parse("port=<99999>");
        } catch (BadRequestException bad) {
            String page = ConnectionsHtml.renderBadRequest(bad.getMessage());
            assertContains(page, "<p id=\"status\" class=\"status error\" role=\"status\">bad value "
                    + "&#39;&lt;99999&gt;&#39; for port; accepted: 0 to 65535</p>");
            assertFalse(page.contains("<99999>"));
            assertEquals(List.of(), selected(page));
            return;
        }
        throw new AssertionError("port=<99999> was accepted");
    }

    /** Fails with the page's tables only, not the whole page with its style and script. */
    private static void assertContains(String page, String expected) {
        if (!page.contains(expected)) {
            String tables = page.substring(page.indexOf("<header>"), page.indexOf("<script>"));
            throw new AssertionError("expected the page to contain\n" + expected + "\nin\n" + tables);
        }
    }

    private static List<String> selected(String page) {
        return matches(page, "<option selected>([^<]*)</option>");
    }

    private static List<String> matches(String page, String regex) {
        return Pattern.compile(regex).matcher(page).results().map(result -> result.group(1)).toList();
    }

    private static String between(String page, String open, String close) {
        int start = page.indexOf(open) + open.length();
        return page.substring(start, page.indexOf(close, start));
    }

    private static int count(String page, String needle) {
        return (int) Pattern.compile(Pattern.quote(needle)).matcher(page).results().count();
    }
}
