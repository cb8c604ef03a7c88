package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The endpoint over TLS, as it is meant to be run beyond loopback: bound to all addresses, with a token from a
 * private file and a PKCS#12 keystore. A real Prometheus scrapes it over HTTPS, checking the certificate against
 * the CA file and sending the token; plain HTTP to the same port gets no answer; the CLI reads the table over TLS.
 * A bad keystore, a wrong password or a missing one is one line naming the option, and the application runs on.
 */
@Timeout(180)
class TlsEndpointIT {

    private static final String TOKEN = "tls-scrape-token-0123456789";

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void prometheusScrapesTheEndpointOverTls(Path jdk, @TempDir Path temp) throws Exception {
        PromtoolIT.assertPromtool();
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

            scrapeWithPrometheus(jvm, port, keystore, tokenFile, temp);

            Cli cli = Cli.run(jdk, List.of(), Map.of("PORTWATCH_TOKEN", TOKEN), "connections",
                    Long.toString(jvm.pid()));
            assertEquals(0, cli.exitCode(), cli.stderr());
            assertTrue(cli.stdout().contains("LISTEN"), cli.stdout());
        }
    }

    private static void scrapeWithPrometheus(AgentJvm jvm, int port, TestKeystore keystore, Path tokenFile,
                                             Path temp) throws Exception {
        int webPort = PrometheusServerIT.freePort();
        Path config = temp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: portwatch",
                "    scheme: https",
                "    tls_config:",
                "      ca_file: " + keystore.certificate(),
                "    authorization:",
                "      credentials_file: " + tokenFile,
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + port + "']",
                ""));
        Path log = temp.resolve("prometheus.log");
        Process prometheus = PrometheusServerIT.startPrometheus(config, temp, webPort, log);
        try {
            String api = "http://127.0.0.1:" + webPort + "/api/v1/query?query=";
            String up = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !"1".equals(up)) {
                if (!prometheus.isAlive()) {
                    fail("prometheus exited with " + prometheus.exitValue() + ": " + Files.readString(log));
                }
                Thread.sleep(250);
                up = PrometheusServerIT.valueOrNull(api, "up{job=\"portwatch\"}");
            }
            assertEquals("1", up, jvm.jdk + ": scraped over TLS within 60 s; targets: "
                    + PrometheusServerIT.targets(webPort) + "\nlog: " + Files.readString(log));
            assertEquals("1", PrometheusServerIT.valueOrNull(api, "portwatch_agent_info"), jvm.jdk);
            assertTrue(PrometheusServerIT.targets(webPort).contains("\"lastError\":\"\""),
                    PrometheusServerIT.targets(webPort));
        } finally {
            PrometheusServerIT.stop(prometheus);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
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
