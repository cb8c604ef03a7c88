package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.metrics.AgentHealth;
import dev.portwatch.metrics.MetricsOnFirstUse;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelViews;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.RowOrigin;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /} through the real endpoint: headers, filters, the 400 page, HEAD. */
class EndpointServerPageTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Object socket = new Object(); // the table holds its sockets weakly
    private EndpointServer server;

    @BeforeEach
    void start() throws Exception {
        ConnectionTable table = new ConnectionTable(100, 5000, 10, System::currentTimeMillis);
        table.listening(socket, Rows.endpoint("127.0.0.1", 8080),
                () -> new RowOrigin(Transport.TCP, "<b>bold</b>", Rows.opener("ServerSocket", "com.example.Api", "start",
                        "Api.java", 31), false, true));
        server = EndpointServer.start(new EndpointServer.Settings(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), "127.0.0.1", null, null), new EndpointServer.Served(table,
                Rows.PORTS, new KernelViews(), new MetricsOnFirstUse(table,
                        new AgentHealth(() -> 0, table::untrackedSockets), Rows.PORTS, new KernelViews(), "test")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void thePageIsHtmlWithItsSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("GET", "/");
        assertPage(200, page);
        assertEquals("nosniff", header(page, "X-Content-Type-Options"));
        assertTrue(page.body().startsWith("<!DOCTYPE html>"));
        assertTrue(page.body().contains("<td class=\"addr\" title=\"registered\">127.0.0.1:8080</td>"), "the row is rendered");
        assertTrue(page.body().contains("&lt;b&gt;bold&lt;/b&gt;"), "the thread name, escaped");
        assertFalse(page.body().contains("<b>"));
    }

    @Test
    void theFiltersAreTheEndpointsOwn() throws Exception {
        HttpResponse<String> listening = get("GET", "/?state=listen&port=8080");
        assertEquals(200, listening.statusCode());
        assertTrue(listening.body().contains("<option selected>listen</option>"));
        assertTrue(listening.body().contains("127.0.0.1:8080"));
        assertFalse(get("GET", "/?state=established").body().contains("127.0.0.1:8080"), "filtered out");
        assertEquals(200, get("GET", "/?transport=&state=&role=&port=").statusCode(), "a form left at 'any'");
    }

    @Test
    void aBadFilterIsA400PageWithTheSameReasonAsTheJson() throws Exception {
        HttpResponse<String> page = get("GET", "/?port=abc");
        assertPage(400, page);
        HttpResponse<String> json = get("GET", "/connections.json?port=abc");
        assertEquals(400, json.statusCode());
        assertEquals("bad value 'abc' for port; accepted: 0 to 65535\n", json.body());
        assertTrue(page.body().contains(">" + Html.escape(json.body().trim()) + "</p>"), page.body());
    }

    @Test
    void headSendsTheHeadersOnlyAndOtherMethodsAreRefused() throws Exception {
        HttpResponse<String> head = get("HEAD", "/");
        assertEquals(200, head.statusCode());
        assertEquals("text/html; charset=utf-8", header(head, "Content-Type"));
        assertEquals("", head.body());
        assertEquals(405, get("POST", "/").statusCode());
        assertTrue(get("GET", "/nothing").body().startsWith("not found; try /, /connections,"));
    }

    private HttpResponse<String> get(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                + path)).timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The endpoint's page answered with {@code status}: HTML, under the page's security policy. */
    private static void assertPage(int status, HttpResponse<String> page) {
        assertEquals(status, page.statusCode());
        assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
        assertEquals(ConnectionsHtml.CONTENT_SECURITY_POLICY, header(page, "Content-Security-Policy"));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
