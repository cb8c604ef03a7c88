package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Hostile input from outside never crashes, hangs or leaks through the agent: malformed agent arguments are one
 * line and the application runs as without the agent; random and malformed HTTP requests never get a 500 or a
 * stack trace and never wedge the endpoint; hostile thread names come out of the JSON escaped and intact.
 */
@Timeout(300)
class BadInputIT {

    private static final String OFF = "portwatch is off, the application runs without it";
    private static final String JDK_BAD_URI = "<h1>400 Bad Request</h1>URISyntaxException thrown";
    private static final Pattern ERROR_TYPE_LABEL = Pattern.compile("error_type=\"[A-Za-z]+\"");
    private static final Map<Path, BatchRun> WITHOUT_AGENT = new ConcurrentHashMap<>();

    /** Malformed agent argument strings, each with what its one line must say. */
    static List<Arguments> malformedArguments() {
        return List.of(
                Arguments.of("port=", "bad value '' for port"),
                Arguments.of("host=", "bad value '' for host"),
                Arguments.of("=9465", "'=9465' is not key=value"),
                Arguments.of("prot=1", "unknown option 'prot'"),
                Arguments.of("port=99999999999999999999", "bad value '99999999999999999999' for port"),
                Arguments.of("maxRows=9999999999", "bad value '9999999999' for maxRows"),
                Arguments.of("closedRetention=999999999h", "bad value '999999999h' for closedRetention"),
                Arguments.of("port=\uff10\uff10", "for port"),
                Arguments.of("h\u00f4st=\u4e2d\u6587", "unknown option"),
                Arguments.of("port=0,,stacks=true", "'' is not key=value"),
                Arguments.of(",port=0", "'' is not key=value"),
                Arguments.of("=,=", "'=' is not key=value"),
                Arguments.of("port==0", "bad value '=0' for port"),
                Arguments.of("port=0\tprot", "bad value '0\\u0009prot' for port"),
                Arguments.of("enabled=maybe", "bad value 'maybe' for enabled"),
                Arguments.of(Named.of("10 KB of garbage", garbage(10_240)), null));
    }

    /** 10 KB of seeded random printable characters, ASCII and beyond, with separators here and there. */
    static String garbage(int length) {
        Random random = new Random(20_261_125);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789=,;:/\\\"'<>{}[]()!?*&%$#@~^|` .-_+"
                + "\u00e9\u00df\u4e2d\u0416\u2603\u00a0";
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @EachJdk(with = "malformedArguments")
    void aMalformedAgentArgumentIsOneLineAndTheApplicationRunsAsWithout(Path jdk, String arguments,
                                                                      String expected) throws Exception {
        BatchRun without = WITHOUT_AGENT.computeIfAbsent(jdk, j -> {
            try {
                return BatchRun.of(j, List.of(), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        BatchRun with = BatchRun.of(jdk, List.of(), arguments);
        String shown = arguments.length() > 40 ? arguments.substring(0, 40) + "..." : arguments;
        assertEquals(3, without.exitCode(), "the scenario exits with 3");
        assertEquals(without.exitCode(), with.exitCode(), shown + ": exit code");
        assertEquals(without.stdout(), with.stdout(), shown + ": stdout");
        assertEquals(without.stderr(), with.stderrWithoutAgentLines(), shown + ": stderr");
        assertEquals(1, with.agentLines().size(), shown + ": one line: " + with.stderr());
        String line = with.agentLines().get(0);
        assertTrue(line.startsWith("portwatch: "), line);
        assertTrue(line.endsWith(OFF), line);
        assertTrue(line.length() < 400, "a short line, whatever the input: " + line.length() + " chars");
        if (expected != null) {
            assertTrue(line.contains(expected), "names the problem (" + expected + "): " + line);
        } else {
            assertTrue(line.contains("unknown option") || line.contains("is not key=value")
                    || line.contains("bad value"), "names the problem: " + line);
        }
    }

    /** About 500 requests: random paths, query strings, headers and methods, all well-formed HTTP. */
    static List<String> fuzzRequests() {
        Random random = new Random(7);
        String[] paths = {"/connections", "/connections.json", "/metrics", "/-/healthy", "/", "/favicon.ico"};
        String[] parameters = {"transport", "state", "role", "port", "x", "", "transport[]", "%00"};
        String[] methods = {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "FOO", "get", "HEAD", "GET"};
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 150; i++) { // paths
            String path = paths[random.nextInt(paths.length)];
            String suffix = switch (random.nextInt(6)) {
                case 0 -> "/" + percentEncoded(random, random.nextInt(40));
                case 1 -> percentEncoded(random, random.nextInt(10));
                case 2 -> "/..";
                case 3 -> "//";
                case 4 -> "%2F%2e%2e%2F" + percentEncoded(random, 5);
                default -> "/" + "a".repeat(random.nextInt(4000));
            };
            requests.add(request("GET", (random.nextBoolean() ? "" : "/") + path + suffix, List.of()));
        }
        for (int i = 0; i < 150; i++) { // query strings
            StringBuilder query = new StringBuilder();
            int count = random.nextInt(4) == 0 ? 30 : 1 + random.nextInt(4);
            for (int p = 0; p < count; p++) {
                if (p > 0) {
                    query.append(random.nextInt(10) == 0 ? "&&" : "&");
                }
                query.append(parameters[random.nextInt(parameters.length)]);
                switch (random.nextInt(5)) {
                    case 0 -> query.append('=').append(percentEncoded(random, random.nextInt(30)));
                    case 1 -> query.append('=').append("9".repeat(random.nextInt(3000)));
                    case 2 -> query.append("=%zz%").append(random.nextBoolean() ? "4" : "");
                    case 3 -> query.append("==").append(random.nextInt(70000));
                    default -> query.append('=').append(List.of("tcp", "UDP", "listen", "open", "inbound", "65536",
                            "-1", "0").get(random.nextInt(8)));
                }
            }
            String path = paths[random.nextInt(3)];
            requests.add(request("GET", path + "?" + query, List.of()));
        }
        String[] odd = {"", " ", "*/*", "application/openmetrics-text", "application/openmetrics-text;q=0",
            "text/html,application/xhtml+xml;q=0.9", "gzip", "gzip;q=0", "gzip, gzip, br, deflate, identity",
            "\u00e9\u00e9", "x".repeat(6000), "Bearer", "Bearer ", "Basic", "Basic !!!notbase64!!!", "Basic Og==",
            "Bearer " + "t".repeat(6000), "Digest username=\"x\"", "application/json; charset=utf-32"};
        String[] headerNames = {"Accept", "Accept-Encoding", "Authorization", "X-Forwarded-For", "Cookie", "Host",
            "Range", "If-None-Match", "Expect", "Content-Type"};
        for (int i = 0; i < 130; i++) { // headers
            List<String> headers = new ArrayList<>();
            int count = random.nextInt(5) == 0 ? 150 : 1 + random.nextInt(4);
            for (int h = 0; h < count; h++) {
                headers.add(headerNames[random.nextInt(headerNames.length)] + ": " + odd[random.nextInt(odd.length)]);
            }
            requests.add(request("GET", paths[random.nextInt(paths.length)], headers));
        }
        for (int i = 0; i < 70; i++) { // methods, some with bodies
            String method = methods[random.nextInt(methods.length)];
            List<String> headers = new ArrayList<>();
            String body = "";
            if (random.nextBoolean()) {
                body = percentEncoded(random, random.nextInt(2000));
                headers.add("Content-Length: " + body.length());
            }
            requests.add(request(method, paths[random.nextInt(paths.length)], headers) + body);
        }
        return requests;
    }

    private static String percentEncoded(Random random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        StringBuilder out = new StringBuilder();
        for (byte b : raw) {
            out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return out.toString();
    }

    private static String request(String method, String target, List<String> headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        request.append("Host: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("Connection: close\r\n\r\n").toString();
    }

    @EachJdk
    void randomRequestsNeverGetA500OrAStackTraceAndAlwaysAnAnswer(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            jvm.command("open");
            int port = RawHttp.port(jvm.endpoint());
            List<String> requests = fuzzRequests();
            assertTrue(requests.size() >= 500, "requests: " + requests.size());
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (String request : requests) {
                RawHttp.Response response = RawHttp.send(port, request.getBytes(StandardCharsets.UTF_8), 10_000);
                String shown = request.length() > 200 ? request.substring(0, 200) + "..." : request;
                assertFalse(response.timedOut(), jvm.jdk + ": no answer within 10 s to " + shown);
                assertNotEquals(-1, response.status(), jvm.jdk + ": no status line for " + shown + ": "
                        + response.raw());
                assertNotEquals(500, response.status(), jvm.jdk + ": " + shown + " -> " + response);
                assertTrue(List.of(200, 400, 401, 404, 405, 413, 414, 431).contains(response.status()),
                        jvm.jdk + ": " + shown + " -> " + response);
                assertFalse(response.body().contains("\tat "), jvm.jdk + ": stack trace for " + shown);
                // The JDK's server answers a request line it cannot parse as a URI itself, before portwatch sees
                // it, with this canned line; it names an exception class but carries no trace. Anything else,
                // and everything portwatch writes, names no exception, but for the error types that are the
                // error counters' label values in /metrics.
                String body = ERROR_TYPE_LABEL.matcher(response.body()).replaceAll("");
                assertTrue(!body.contains("Exception") || body.equals(JDK_BAD_URI),
                        jvm.jdk + ": exception for " + shown + " -> " + response);
                if (response.status() == 200 && request.startsWith("GET /connections.json")) {
                    MiniJson.parse(response.body());
                }
                statuses.merge(response.status(), 1, Integer::sum);
            }
            System.out.println(jvm.jdk + ": " + requests.size() + " random requests, statuses " + statuses);
            assertEquals(200, RawHttp.get(port, "/-/healthy").status(), jvm.jdk + ": healthy after the fuzzing");
            assertEquals(0.0, Exposition.parse(jvm.get("/metrics")).value("portwatch_agent_errors_total"));
        }
    }

    /** Requests that are not HTTP, or barely: each may go unanswered, but must not wedge the endpoint. */
    static List<byte[]> malformedRequests() {
        Random random = new Random(11);
        byte[] garbage = new byte[1024];
        random.nextBytes(garbage);
        byte[] tlsClientHello = HexFormat.of().parseHex("16030100a5010000a10303" + "00".repeat(32)
                + "000020c02bc02fc02cc030cca9cca8c013c014009c009d002f0035000a0100005800000014");
        List<byte[]> requests = new ArrayList<>();
        requests.add(garbage);
        requests.add(tlsClientHello);
        for (String text : List.of(
                "GET /\r\n",
                "GET /-/healthy\r\n\r\n",
                "GET /connections HTTP/0.9\r\n\r\n",
                "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET / / HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET mailto:x HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET urn:isbn:0451450523 HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET * HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET http://other.invalid/metrics HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET /<script>alert(1)</script> HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET /connections?port=%%% HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET / HTTP/9.9\r\nConnection: close\r\n\r\n",
                "\r\n\r\n\r\n",
                "GET /metrics HTTP/1.1\r\nno colon here\r\nConnection: close\r\n\r\n",
                "GET /metrics HTTP/1.1\r\nX-Big: " + "b".repeat(200_000) + "\r\nConnection: close\r\n\r\n",
                "POST /metrics HTTP/1.1\r\nContent-Length: -1\r\nConnection: close\r\n\r\n",
                "POST /metrics HTTP/1.1\r\nContent-Length: 99999999999999999999\r\nConnection: close\r\n\r\n",
                "POST /metrics HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n",
                "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /metr")) {
            requests.add(text.getBytes(StandardCharsets.ISO_8859_1));
        }
        requests.add("GET /\u0000\u0001\u0002 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        requests.add("GET /\u00e9\u4e2d HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        return requests;
    }

    @EachJdk
    void malformedRequestsNeverWedgeTheEndpoint(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            int port = RawHttp.port(jvm.endpoint());
            List<String> outcomes = new ArrayList<>();
            for (byte[] request : malformedRequests()) {
                String shown = new String(request, 0, Math.min(60, request.length), StandardCharsets.ISO_8859_1)
                        .replaceAll("[^\\x20-\\x7e]", "?");
                RawHttp.Response response;
                try {
                    response = RawHttp.send(port, request, 3000);
                } catch (java.io.IOException reset) {
                    response = null; // the server may reset a connection it cannot make sense of
                }
                if (response != null) {
                    assertNotEquals(500, response.status(), jvm.jdk + ": " + shown + " -> " + response);
                    assertFalse(response.raw().contains("\tat "), jvm.jdk + ": stack trace for " + shown);
                    outcomes.add(shown.substring(0, Math.min(20, shown.length())) + " -> "
                            + (response.timedOut() ? "timeout" : response.status()));
                }
                RawHttp.Response healthy = RawHttp.get(port, "/-/healthy");
                assertEquals(200, healthy.status(), jvm.jdk + ": /-/healthy after " + shown + ": " + healthy);
                assertEquals("ok\n", healthy.body());
            }
            System.out.println(jvm.jdk + ": malformed requests: " + outcomes);
            assertEquals(0.0, Exposition.parse(jvm.get("/metrics")).value("portwatch_agent_errors_total"));
        }
    }

    /**
     * 300 requests at once, far more than the endpoint queues: once the clients are gone, the host holds no more
     * sockets than before (an exchange the server drops must not leave its connection open).
     */
    @EachJdk
    void aBurstOfRequestsLeavesNoDescriptorBehind(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            int port = RawHttp.port(jvm.endpoint());
            assertEquals(200, RawHttp.get(port, "/-/healthy").status());
            long before = socketDescriptors(jvm.pid());
            List<java.net.Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
                    client.getOutputStream().write("GET /connections.json HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    clients.add(client);
                }
                Thread.sleep(2000); // let the endpoint take them all in
            } finally {
                for (java.net.Socket client : clients) {
                    client.close();
                }
            }
            long after = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline && after > before) {
                Thread.sleep(250);
                after = socketDescriptors(jvm.pid());
            }
            System.out.println(jvm.jdk + ": socket descriptors before the burst " + before + ", after " + after);
            assertTrue(after <= before, jvm.jdk + ": sockets held after the burst: " + after + ", before: " + before);
            assertEquals(200, RawHttp.get(port, "/-/healthy").status(), jvm.jdk + ": healthy after the burst");
        }
    }

    /** The sockets among a process's file descriptors. */
    private static long socketDescriptors(long pid) throws java.io.IOException {
        try (Stream<Path> descriptors = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return descriptors.filter(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (java.io.IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        }
    }

    @EachJdk
    void hostileThreadNamesAreEscapedInTheJsonAndComeBackIntact(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            jvm.command("hostile");
            String json = jvm.get("/connections.json");
            // The strict parser rejects raw control characters: a name with a newline or a NUL was escaped.
            List<Row> rows = Table.parse(json).rows();
            for (String name : SocketScenario.HOSTILE_THREAD_NAMES) {
                long onThread = rows.stream().filter(row -> name.equals(row.thread())).count();
                assertEquals(3, onThread, jvm.jdk + ": listener, connection and accepted socket of thread " + name);
            }
            assertFalse(json.contains("\n\"") || json.contains("new line\n"), "a raw newline in a string");
            assertTrue(json.contains("quote\\\" back\\\\slash\\nnew line\\ttab\\u0000nul"), "JSON escapes");
            // The text table names no thread; it must still render with those rows in it.
            String text = jvm.get("/connections");
            assertFalse(text.contains("\u0000"), "no NUL in the text table");
        }
    }
}
