package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint exposes nothing it should not: bound beyond loopback without a token it says so; with a token it
 * serves nothing without it; and the token never appears on stderr, in any page, or in an error about it.
 * (Every request here goes to loopback, also when the endpoint listens on all addresses.)
 */
@Timeout(120)
class ExposureIT {

    private static final String TOKEN = "tok3n-Secret_value.0123456789";
    private static final String WARNING = "reachable beyond this host and has no token";

    static Stream<String> tokenSources() {
        return Stream.of("token", "tokenFile");
    }

    @EachJdk
    void anEndpointOnAllAddressesWithoutATokenSaysSoInOneLine(Path jdk, @TempDir Path keystoreDirectory)
            throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "host=0.0.0.0,port=0", SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            jvm.endpoint();
            List<String> warnings = jvm.stderr().stream().filter(line -> line.contains(WARNING)).toList();
            assertEquals(1, warnings.size(), jvm.jdk + ": " + jvm.stderr());
            assertTrue(warnings.get(0).startsWith("portwatch: warning: the endpoint on 0.0.0.0 "), warnings.get(0));
            assertTrue(warnings.get(0).contains("token="), "says how to fix it: " + warnings.get(0));
        }
        try (AgentJvm jvm = AgentJvm.start(jdk, "host=0.0.0.0,port=0,token=" + TOKEN,
                SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            jvm.endpoint();
            List<String> warnings = jvm.stderr().stream().filter(line -> line.contains("warning")).toList();
            assertEquals(2, warnings.size(), jvm.jdk + ": " + jvm.stderr());
            assertTrue(warnings.get(0).contains("agent argument token is on the command line")
                    && warnings.get(0).contains("tokenFile="), warnings.get(0));
            assertTrue(warnings.get(1).contains("without TLS") && warnings.get(1).contains("tlsKeystore="),
                    warnings.get(1));
            assertTrue(jvm.stderr().stream().noneMatch(line -> line.contains(TOKEN)), jvm.jdk + ": token shown");
        }
        TestKeystore keystore = TestKeystore.create(jdk, keystoreDirectory);
        Path tokenFile = TestKeystore.ownerOnly(keystoreDirectory.resolve("token"), TOKEN);
        try (AgentJvm jvm = AgentJvm.start(jdk, "host=0.0.0.0,port=0,tokenFile=" + tokenFile + ","
                + keystore.options(), SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            jvm.endpoint();
            assertTrue(jvm.stderr().stream().noneMatch(line -> line.contains("warning")),
                    jvm.jdk + ": no warning with a token from a private file and TLS: " + jvm.stderr());
        }
    }

    @EachJdk(with = "tokenSources")
    void withATokenNothingIsServedWithoutItAndTheTokenIsNeverShown(Path jdk, String source, @TempDir Path dir)
            throws Exception {
        String option = source.equals("token") ? "token=" + TOKEN
                : "tokenFile=" + Files.writeString(dir.resolve("token"), TOKEN + "\n");
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0,closedRetention=60s," + option,
                SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            jvm.command("open");
            jvm.command("errors");
            int port = RawHttp.port(jvm.endpoint());
            String basic = "Basic " + Base64.getEncoder().encodeToString(("prometheus:" + TOKEN)
                    .getBytes(StandardCharsets.UTF_8));
            List<String> wrong = List.of("", "Authorization: Bearer", "Authorization: Bearer " + TOKEN + "x",
                    "Authorization: Bearer " + TOKEN.substring(0, TOKEN.length() - 1),
                    "Authorization: Basic " + Base64.getEncoder().encodeToString(TOKEN.getBytes()),
                    "Authorization: Basic !!!", "Authorization: " + TOKEN, "X-Token: " + TOKEN);
            Map<String, Integer> authorised = Map.of("/connections", 200, "/connections.json", 200, "/metrics", 200,
                    "/-/healthy", 200, "/nowhere", 404, "/connections?port=x", 400);
            for (Map.Entry<String, Integer> path : authorised.entrySet()) {
                for (String header : wrong) {
                    RawHttp.Response response = header.isEmpty() ? RawHttp.get(port, path.getKey())
                            : RawHttp.get(port, path.getKey(), header);
                    assertEquals(401, response.status(), jvm.jdk + ": " + path.getKey() + " with '" + header
                            + "': " + response);
                    assertFalse(response.raw().contains(TOKEN), jvm.jdk + ": the 401 shows the token");
                    assertFalse(response.body().contains("\"connections\"") || response.body().contains("portwatch_"),
                            jvm.jdk + ": a 401 carries no data: " + response);
                }
                for (String header : List.of("Authorization: Bearer " + TOKEN, "Authorization: " + basic)) {
                    RawHttp.Response response = RawHttp.get(port, path.getKey(), header, "Accept-Encoding: gzip");
                    assertEquals(path.getValue(), response.status(), jvm.jdk + ": " + path.getKey() + ": " + response);
                    assertFalse(response.raw().contains(TOKEN) || response.body().contains(TOKEN),
                            jvm.jdk + ": " + path.getKey() + " shows the token");
                }
            }
            String json = RawHttp.get(port, "/connections.json", "Authorization: Bearer " + TOKEN).body();
            assertTrue(json.contains("\"errors\"") && json.contains("ConnectException"), "the table has data");
            assertTrue(jvm.stderr().stream().noneMatch(line -> line.contains(TOKEN)),
                    jvm.jdk + ": stderr shows the token: " + jvm.stderr());
            assertTrue(jvm.allStdout().stream().noneMatch(line -> line.contains(TOKEN)), jvm.jdk + ": stdout");
        }
    }

    @EachJdk
    void aBadTokenOrTokenFileIsOneLineThatNeverShowsTheSecret(Path jdk, @TempDir Path dir) throws Exception {
        String secret = "Sup3rSecretTail";
        Path spaced = Files.writeString(dir.resolve("spaced"), "has spaces " + secret + "\n");
        Path commaed = Files.writeString(dir.resolve("comma"), "first-half-0123," + secret + "\n");
        for (String options : List.of("port=0,tokenFile=" + spaced, "port=0,tokenFile=" + commaed,
                "port=0,tokenFile=" + dir, "port=0,token=first-half-0123," + secret,
                "port=0,token=first-half-0123," + secret + "=1", "port=0,token=" + secret + " " + secret)) {
            BatchRun run = BatchRun.of(jdk, List.of(), options);
            assertEquals(3, run.exitCode(), options + ": the application runs");
            assertEquals(1, run.agentLines().size(), options + ": " + run.stderr());
            String line = run.agentLines().get(0);
            assertTrue(line.endsWith("portwatch is off, the application runs without it"), line);
            assertFalse(line.contains(secret), options + ": the line shows the secret: " + line);
            assertTrue(line.contains("token"), "names the option: " + line);
        }
    }
}
