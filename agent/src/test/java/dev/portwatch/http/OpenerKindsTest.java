package dev.portwatch.http;

import static dev.portwatch.http.Reports.report;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A program of JDK code alone: its rows name a JDK frame, or only the thread, and say which; a thread's name is the
 * application's and hostile, so every renderer escapes it.
 */
class OpenerKindsTest {

    private static final String HOSTILE_THREAD = "worker\n\u001b[31m<b>\"x\"";
    private static final ConnectionView BY_JDK = Rows.listener(1, 8000, "main", jdkOpener());
    private static final ConnectionView BY_THREAD = Rows.listener(2, 8001, HOSTILE_THREAD,
            new Opener("ServerSocket.bind", null, List.of(), Opener.Kind.THREAD));

    @Test
    void jsonSaysWhichKindNamesTheOpener() {
        String json = ConnectionsJson.render(report(List.of(BY_JDK, BY_THREAD), List.of()));
        assertTrue(json.contains("\"openedBy\":\"sun.net.httpserver.ServerImpl$Dispatcher.run("
                + "ServerImpl.java:532)\",\"openedByKind\":\"jdk\""), json);
        assertTrue(json.contains("\"openedBy\":\"worker\\n\\u001b[31m<b>\\\"x\\\"\",\"openedByKind\":\"thread\""),
                json);
    }

    @Test
    void textNamesTheThreadAsAThreadOnOneLine() {
        String text = ConnectionsText.render(report(List.of(BY_JDK, BY_THREAD), List.of()));
        assertTrue(text.contains("sun.net.httpserver.ServerImpl$Dispatcher.run(ServerImpl.java:532)"),
                text);
        assertTrue(text.contains("thread worker\\u000a\\u001b[31m<b>\"x\""), text);
        assertFalse(text.contains("\u001b"), text);
        assertTrue(text.lines().noneMatch(line -> line.startsWith("[31m")), text);
    }

    @Test
    void htmlNamesTheThreadAsAThreadEscaped() {
        String html = ConnectionsHtml.render(report(List.of(BY_JDK, BY_THREAD), List.of()));
        // Markup is escaped as markup, and control characters as \\uXXXX, as in the text table: the name is inert text.
        assertTrue(html.contains("<td class=\"code\">thread worker\\u000a\\u001b[31m&lt;b&gt;&quot;x&quot;</td>"), html);
        assertFalse(html.contains("<b>"), html);
        assertFalse(html.contains("\u001b"), html);
    }

    private static Opener jdkOpener() {
        Opener frame = Rows.opener("ServerSocketChannel", "sun.net.httpserver.ServerImpl$Dispatcher", "run",
                "ServerImpl.java", 532);
        return new Opener(frame.api(), frame.frame(), List.of(), Opener.Kind.JDK);
    }
}
