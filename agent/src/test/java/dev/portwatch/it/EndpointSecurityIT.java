package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's protections, on a JVM with the agent: with a token (inline or from a file) nothing is served
 * without it, through Bearer or Basic authentication, and the token is never printed or echoed; without one, only
 * GET and HEAD are served, bad parameters are one-line 400s, unknown paths 404s, and no response ever carries a
 * stack trace. Binding beyond loopback without a token is warned about.
 */
@Timeout(120)
class EndpointSecurityIT {

    /** Every path the endpoint knows. */
    static final List<String> PATHS = List.of("/metrics", "/connections", "/connections.json", "/-/healthy", "/");
    static final List<String> SERVED = List.of("/metrics", "/connections", "/connections.json", "/-/healthy");

    @EachJdk
    void withATokenNothingIsServedWithoutIt(Path jdk) throws Exception {
        String token = randomToken();
        try (MetricsRun run = MetricsRun.start(jdk, "port=0,token=" + token)) {
            assertTokenRequired(run, token);
        }
    }

    @EachJdk
    void aTokenFileWorksTheSame(Path jdk, @TempDir Path temp) throws Exception {
        String token = randomToken();
        Path file = temp.resolve("portwatch.token");
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        try (MetricsRun run = MetricsRun.start(jdk, "port=0,tokenFile=" + file)) {
            assertTokenRequired(run, token);
        }
    }

    private static void assertTokenRequired(MetricsRun run, String token) throws Exception {
        String jvm = run.jvm.jdk;
        String endpoint = run.endpoint();
        List<String> bodies = new ArrayList<>();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("prometheus:" + token)
                .getBytes(StandardCharsets.UTF_8));
        String wrongBasic = "Basic " + Base64.getEncoder().encodeToString(("prometheus:" + token + "x")
                .getBytes(StandardCharsets.UTF_8));
        String[][] refused = {
            {},
            {"Authorization", "Bearer " + token.substring(1) + "x"},
            {"Authorization", "Bearer " + token + token},
            {"Authorization", "Bearer"},
            {"Authorization", wrongBasic},
            {"Authorization", "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))},
            {"Authorization", "Basic not-base64!"},
            {"Authorization", "Token " + token},
        };
        int refusals = 0;
        for (String path : PATHS) {
            for (String[] headers : refused) {
                HttpResponse<byte[]> response = Http.get(endpoint + path, headers);
                String what = jvm + ": GET " + path + " with " + (headers.length == 0 ? "no token"
                        : headers[1].replace(token, "<token>"));
                assertEquals(401, response.statusCode(), what);
                List<String> challenges = response.headers().allValues("WWW-Authenticate");
                assertFalse(challenges.isEmpty(), what + ": no WWW-Authenticate");
                assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Bearer")), what + ": " + challenges);
                assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Basic")), what + ": " + challenges);
                bodies.add(Http.text(response));
            }
            refusals += refused.length + 2; // and the HEAD and POST below
            HttpResponse<byte[]> head = Http.send("HEAD", endpoint + path);
            assertEquals(401, head.statusCode(), jvm + ": HEAD " + path + " without a token");
            HttpResponse<byte[]> post = Http.send("POST", endpoint + path);
            assertEquals(401, post.statusCode(), jvm + ": POST " + path + " without a token: nothing before it");
            bodies.add(Http.text(post));

            for (String authorization : List.of("Bearer " + token, "bearer " + token, basic)) {
                HttpResponse<byte[]> response = Http.get(endpoint + path, "Authorization", authorization);
                String what = jvm + ": GET " + path + " with " + authorization.replace(token, "<token>");
                assertEquals(200, response.statusCode(), what);
                bodies.add(Http.text(response));
            }
        }
        // Every refusal was counted.
        HttpResponse<byte[]> metrics = Http.get(endpoint + "/metrics", "Authorization", "Bearer " + token);
        assertEquals((double) refusals, Exposition.parse(Http.text(metrics))
                .value("portwatch_endpoint_auth_failures_total"), jvm + ": refusals counted");
        // Whoever holds the token gets the same table as without one: the scenario's rows are there.
        HttpResponse<byte[]> table = Http.get(endpoint + "/connections.json", "Authorization", "Bearer " + token);
        assertTrue(Http.text(table).contains("\"port\": " + run.listenerPort)
                || Http.text(table).contains("\"port\":" + run.listenerPort), jvm + ": " + Http.text(table));

        for (String body : bodies) {
            assertFalse(body.contains(token), jvm + ": a response echoes the token: " + body);
            assertNoStackTrace(jvm, body);
        }
        for (String line : run.jvm.stderr()) {
            assertFalse(line.contains(token), jvm + ": stderr shows the token: " + line);
        }
        assertTrue(run.jvm.stdoutLines().stream().noneMatch(line -> line.contains(token)), jvm + ": stdout");
    }

    @EachJdk
    void withoutATokenOnlyWellFormedGetsAreServed(Path jdk) throws Exception {
        try (MetricsRun run = MetricsRun.start(jdk)) {
            String jvm = run.jvm.jdk;
            String endpoint = run.endpoint();
            List<String> bodies = new ArrayList<>();
            for (String path : PATHS) {
                for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                    HttpResponse<byte[]> response = Http.send(method, endpoint + path);
                    assertEquals(405, response.statusCode(), jvm + ": " + method + " " + path);
                    String allow = Http.header(response, "Allow");
                    assertNotNull(allow, jvm + ": " + method + " " + path + " has no Allow header");
                    assertEquals(List.of("GET", "HEAD"), List.of(allow.split("\\s*,\\s*")), jvm + ": Allow");
                    bodies.add(Http.text(response));
                }
            }
            for (String path : SERVED) {
                HttpResponse<byte[]> response = Http.get(endpoint + path);
                assertEquals(200, response.statusCode(), jvm + ": GET " + path);
                bodies.add(Http.text(response));
            }

            assertBadRequest(jvm, endpoint, "/connections.json?state=bogus", "state", bodies);
            assertBadRequest(jvm, endpoint, "/connections?state=bogus", "state", bodies);
            assertBadRequest(jvm, endpoint, "/connections?port=99999", "port", bodies);
            assertBadRequest(jvm, endpoint, "/connections.json?port=-1", "port", bodies);
            assertBadRequest(jvm, endpoint, "/connections.json?transport=sctp", "transport", bodies);
            assertBadRequest(jvm, endpoint, "/connections.json?role=server", "role", bodies);
            assertBadRequest(jvm, endpoint, "/connections.json?colour=red", "colour", bodies);
            String[] malformed = Http.rawGet(endpoint, "/connections.json?port=%zz");
            assertEquals("400", malformed[0], jvm + ": malformed percent-encoding: " + malformed[1]);
            bodies.add(malformed[1]);
            assertBadRequest(jvm, endpoint, "/metrics?x=1", null, bodies);
            assertBadRequest(jvm, endpoint, "/connections?" + "port=1&".repeat(300), null, bodies);

            for (String unknown : List.of("/nope", "/metrics/", "/connections.jsonx", "/-/ready",
                    "/%00")) {
                HttpResponse<byte[]> response = Http.get(endpoint + unknown);
                assertEquals(404, response.statusCode(), jvm + ": GET " + unknown);
                bodies.add(Http.text(response));
            }

            String[] traversal = Http.rawGet(endpoint, "/../etc/passwd");
            assertEquals("404", traversal[0], jvm + ": " + traversal[1]);
            bodies.add(traversal[1]);

            for (String body : bodies) {
                assertNoStackTrace(jvm, body);
            }
        }
    }

    @EachJdk
    void bindingBeyondLoopbackWithoutATokenIsWarnedAbout(Path jdk, @TempDir Path temp) throws Exception {
        // Only the agent's stderr is read: nothing connects to a non-loopback address.
        try (MetricsRun run = MetricsRun.start(jdk, "host=0.0.0.0,port=0")) {
            run.endpoint(); // waits for the start line, printed after the warning
            List<String> warnings = run.jvm.stderr().stream().filter(l -> l.startsWith("portwatch: warning:"))
                    .toList();
            assertEquals(1, warnings.size(), run.jvm.jdk + ": " + run.jvm.stderr());
            assertTrue(warnings.get(0).contains("token"), warnings.get(0));
        }
        TestKeystore keystore = TestKeystore.create(jdk, temp);
        Path tokenFile = TestKeystore.ownerOnly(temp.resolve("token"), randomToken());
        try (MetricsRun run = MetricsRun.start(jdk, "host=0.0.0.0,port=0,tokenFile=" + tokenFile + ","
                + keystore.options())) {
            run.endpoint();
            assertTrue(run.jvm.stderr().stream().noneMatch(l -> l.startsWith("portwatch: warning:")),
                    run.jvm.jdk + ": a private token file and TLS, no warning: " + run.jvm.stderr());
        }
        try (MetricsRun run = MetricsRun.start(jdk)) {
            run.endpoint();
            assertTrue(run.jvm.stderr().stream().noneMatch(l -> l.startsWith("portwatch: warning:")),
                    run.jvm.jdk + ": loopback, no warning: " + run.jvm.stderr());
        }
    }

    private static void assertBadRequest(String jvm, String endpoint, String pathAndQuery, String named,
                                         List<String> bodies) throws Exception {
        HttpResponse<byte[]> response = Http.get(endpoint + pathAndQuery);
        String body = Http.text(response);
        assertEquals(400, response.statusCode(), jvm + ": GET " + pathAndQuery + ": " + body);
        assertTrue(body.endsWith("\n") && body.indexOf('\n') == body.length() - 1,
                jvm + ": GET " + pathAndQuery + " answers one line: " + body);
        if (named != null) {
            assertTrue(body.contains(named), jvm + ": GET " + pathAndQuery + " names '" + named + "': " + body);
        }
        bodies.add(body);
    }

    private static void assertNoStackTrace(String jvm, String body) {
        assertFalse(body.contains("\tat ") || body.contains("Exception:") && body.contains("\n\t"),
                jvm + ": a response carries a stack trace: " + body);
    }

    static String randomToken() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
