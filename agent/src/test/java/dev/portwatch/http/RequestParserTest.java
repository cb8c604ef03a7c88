package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {

    private static Request parse(String head) throws RequestRejected {
        return RequestParser.parse(head.getBytes(StandardCharsets.ISO_8859_1), InetAddress.getLoopbackAddress());
    }

    @Test
    void aRequestKeepsItsRawTargetAndHeaders() throws RequestRejected {
        Request request = parse("GET /connections.json?port=%35 HTTP/1.1\r\nHost: 127.0.0.1:9465\r\n"
                + "accept-encoding:  gzip \r\n\r\n");
        assertEquals("GET", request.method());
        assertEquals("/connections.json", request.rawPath());
        assertEquals("port=%35", request.rawQuery());
        assertEquals("gzip", request.header("Accept-Encoding"));
        assertEquals("127.0.0.1:9465", request.header("host"));
        assertTrue(request.keepsAlive());
        assertNull(parse("GET / HTTP/1.1\r\n\r\n").rawQuery());
    }

    @Test
    void connectionsCloseAfterHttp10ConnectionCloseOrABody() throws RequestRejected {
        assertFalse(parse("GET / HTTP/1.0\r\n\r\n").keepsAlive());
        assertFalse(parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepsAlive());
        assertFalse(parse("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").keepsAlive());
        assertFalse(parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").keepsAlive());
        assertTrue(parse("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").keepsAlive());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /\\r\\n\\r\\n|400",
        "GET / / HTTP/1.1\\r\\n\\r\\n|400",
        "GET http://other.example/metrics HTTP/1.1\\r\\n\\r\\n|400",
        "GET * HTTP/1.1\\r\\n\\r\\n|400",
        "GET /\\u0001 HTTP/1.1\\r\\n\\r\\n|400",
        "G(T / HTTP/1.1\\r\\n\\r\\n|400",
        "GET / HTTP/9.9\\r\\n\\r\\n|505",
        "GET / HTTP/0.9\\r\\n\\r\\n|505",
        "GET / HTTX/1.1\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nno colon here\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\n folded: x\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nX: a\\u0000b\\r\\n\\r\\n|400",
    })
    void malformedHeadsAreRefusedWithTheirStatus(String head, int status) {
        String unescaped = head.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001")
                .replace("\\u0000", "\u0000");
        assertEquals(status, assertThrows(RequestRejected.class, () -> parse(unescaped)).status, head);
    }

    @Test
    void moreThanAHundredHeaderFieldsIs431() {
        String head = "GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(RequestParser.MAX_HEADERS + 1) + "\r\n";
        assertEquals(431, assertThrows(RequestRejected.class, () -> parse(head)).status);
    }
}
