package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint over TLS, as it is meant to be run beyond loopback: bound to all addresses, with a token from a
 * private file and a PKCS#12 keystore. A real Prometheus scrapes it over HTTPS, checking the certificate against
 * the CA file and sending the token; plain HTTP to the same port gets no answer; the CLI reads the table over TLS.
 * A bad keystore, a wrong password or a missing one is one line naming the option, and the application runs on.
 */
@Timeout(180)
class TlsEndpointIT {

    private static final String TOKEN = "tls-scrape-token-0123456789";

    @EachJdk
    void prometheusScrapesTheEndpointOverTls(Path jdk, @TempDir Path temp) throws Exception {
        TestKeystore keystore = TestKeystore.create(jdk, temp);
        Path tokenFile = TestKeystore.ownerOnly(temp.resolve("token"), TOKEN);
        try (AgentJvm jvm = AgentJvm.start(jdk, "host=0.0.0.0,port=0,tokenFile=" + tokenFile + ","
                + keystore.options(), SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            String endpoint = jvm.endpoint();
            assertTrue(endpoint.startsWith("https://"), endpoint);
            assertTrue(jvm.stderr().stream().noneMatch(line -> line.contains("warning")), jvm.stderr().toString());
            int port = RawHttp.port(endpoint);

            RawHttp.Response plain = RawHttp.send(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII), 7000);
            assertFalse(plain.raw().contains("portwatch_"), jvm.jdk + ": plain HTTP read metrics: " + plain);

            scrapeWithPrometheus(jvm, port, keystore, tokenFile);

            Cli cli = Cli.run(jdk, List.of(), Map.of("PORTWATCH_TOKEN", TOKEN), "connections",
                    Long.toString(jvm.pid()));
            assertEquals(0, cli.exitCode(), cli.stderr());
            assertTrue(cli.stdout().contains("LISTEN"), cli.stdout());
        }
    }

    private static void scrapeWithPrometheus(AgentJvm jvm, int port, TestKeystore keystore, Path tokenFile)
            throws Exception {
        try (Prometheus prometheus = Prometheus.start("portwatch", "127.0.0.1:" + port, null, List.of(
                "    scheme: https",
                "    tls_config:",
                "      ca_file: " + keystore.certificate(),
                "    authorization:",
                "      credentials_file: " + tokenFile))) {
            String up = prometheus.awaitValue("up{job=\"portwatch\"}", "1", Duration.ofSeconds(60));
            assertEquals("1", up, jvm.jdk + ": scraped over TLS within 60 s; targets: " + prometheus.targets()
                    + "\nlog: " + prometheus.log());
            assertEquals("1", prometheus.value("portwatch_agent_info"), jvm.jdk);
            JsonValue target = prometheus.api("/api/v1/targets").get("data").get("activeTargets").elements().get(0);
            assertEquals("", target.get("lastError").asString(), prometheus.targets());
            assertEquals("https", target.get("discoveredLabels").get("__scheme__").asString(), prometheus.targets());
        }
    }

    @EachJdk
    void aBadKeystoreOrPasswordIsOneLineAndTheApplicationRuns(Path jdk, @TempDir Path temp) throws Exception {
        TestKeystore keystore = TestKeystore.create(jdk, temp);
        Path wrongPassword = TestKeystore.ownerOnly(temp.resolve("wrong"), "not-the-password");
        Path notAKeystore = TestKeystore.ownerOnly(temp.resolve("not.p12"), "hello");
        Map<String, String> cases = Map.of(
                "port=0,tlsKeystore=" + keystore.keystore() + ",tlsKeystorePasswordFile=" + wrongPassword,
                "cannot use tlsKeystore",
                "port=0,tlsKeystore=" + notAKeystore + ",tlsKeystorePasswordFile=" + keystore.passwordFile(),
                "cannot use tlsKeystore",
                "port=0,tlsKeystore=" + keystore.keystore(), "tlsKeystore needs its password",
                "port=0,tlsKeystorePasswordFile=" + keystore.passwordFile(), "tlsKeystore is not",
                "port=0,tlsKeystore=", "bad value '' for tlsKeystore");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            BatchRun run = BatchRun.of(jdk, List.of(), bad.getKey());
            assertEquals(3, run.exitCode(), bad.getKey());
            assertEquals(1, run.agentLines().size(), bad.getKey() + ": " + run.stderr());
            String line = run.agentLines().get(0);
            assertTrue(line.contains(bad.getValue()), line);
            assertTrue(line.endsWith("portwatch is off, the application runs without it"), line);
            assertFalse(line.contains(keystore.password()), "the password is never shown: " + line);
        }
    }
}
