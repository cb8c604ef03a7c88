package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * premain's gate with each option that reads a file (the keystore and its password file, the token file, the woven
 * classes' cache) or a secret from the environment, in a JVM whose {@code main} initialises
 * {@code java.security.Security} and opens sockets on its first line while a second thread opens its own (on JDK 25
 * the first gate deadlocked there, with {@code tlsKeystore}, until its 5 s bound ran out). On every start, whether
 * the agent's thread or the application's builds the transformer: no wait runs out, the first sockets are rows,
 * and a bad secret is one line, portwatch off, the application running on.
 */
@Timeout(900)
class PremainGateOptionsIT {

    private static final String TOKEN = "gate-options-token-0123456789";
    private static final String TIMED_OUT = "loaded before the agent was ready";
    private static final String OFF = "portwatch is off, the application runs without it";
    private static final int STARTS = 4;

    @TempDir
    Path temp;

    /** The options of each case, by name. */
    static List<String> cases() {
        return List.of("tlsKeystore and its password file", "tlsKeystore, its password in the environment",
                "tokenFile", "token in the environment", "tokenFile, tlsKeystore and a filled weaveCache");
    }

    @EachJdk(with = "cases")
    void noWaitRunsOutAndTheFirstSocketsAreRows(Path jdk, String name) throws Exception {
        TestKeystore keystore = TestKeystore.create(jdk, temp);
        Path tokenFile = TestKeystore.ownerOnly(temp.resolve("token"), TOKEN);
        String options;
        String environment = null;
        boolean token = name.contains("token");
        switch (name) {
            case "tlsKeystore and its password file" -> options = keystore.options();
            case "tlsKeystore, its password in the environment" -> {
                options = "tlsKeystore=" + keystore.keystore();
                environment = "export PORTWATCH_TLS_KEYSTORE_PASSWORD='" + keystore.password() + "'";
            }
            case "tokenFile" -> options = "tokenFile=" + tokenFile;
            case "token in the environment" -> {
                options = "openers=stack";
                environment = "export PORTWATCH_TOKEN='" + TOKEN + "'";
            }
            default -> options = "tokenFile=" + tokenFile + "," + keystore.options() + ",weaveCache="
                    + StartupIT.filledCache(temp, jdk, "filled");
        }
        for (int start = 0; start < STARTS; start++) {
            try (AgentJvm jvm = AgentJvm.start(jdk, appBuildsOn(start), environment, "port=0," + options,
                    SecurityFirstLineSockets.class.getName())) {
                Map<String, String> ready = jvm.awaitReady();
                String context = jdk + " " + name + ", start " + start + ": ";
                String stderr = String.join("\n", jvm.stderr());
                assertFalse(stderr.contains(TIMED_OUT), context + stderr);
                assertFalse(stderr.contains("not started") || stderr.contains(OFF), context + stderr);
                assertFalse(stderr.contains("not instrumented"), context + stderr);
                assertEquals("true", ready.get("bridgeListening"), context + ready);
                Cli cli = Cli.run(jdk, List.of(), token ? Map.of("PORTWATCH_TOKEN", TOKEN) : Map.of(),
                        "connections", Long.toString(jvm.pid()), "--json");
                assertEquals(0, cli.exitCode(), context + cli.stderr());
                Table table = Table.parse(cli.stdout());
                assertRow(table, ready, "listener", "tcp", "listener", context);
                assertRow(table, ready, "client", "tcp", "outbound", context);
                assertRow(table, ready, "channelListener", "tcp", "listener", context);
                assertRow(table, ready, "datagramSocket", "udp", "datagram", context);
            }
        }
    }

    /** Each bad secret read after the gate: one line, the listener off the bridge, the application running on. */
    @EachJdk
    void aBadSecretIsOneLineAndTheApplicationRunsOn(Path jdk) throws Exception {
        TestKeystore keystore = TestKeystore.create(jdk, temp);
        Path wrongPassword = TestKeystore.ownerOnly(temp.resolve("wrong"), "not-the-password");
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"tokenFile=" + temp.resolve("missing"), null, "cannot read tokenFile"});
        cases.add(new String[] {"tlsKeystore=" + keystore.keystore() + ",tlsKeystorePasswordFile=" + wrongPassword,
            null, "cannot use tlsKeystore"});
        cases.add(new String[] {"tlsKeystore=" + keystore.keystore(),
            "export PORTWATCH_TLS_KEYSTORE_PASSWORD=not-the-password", "cannot use tlsKeystore"});
        cases.add(new String[] {"openers=stack", "export PORTWATCH_TOKEN=short", "bad value for token"});
        int start = 0;
        for (String[] bad : cases) {
            for (int again = 0; again < 2; again++, start++) {
                try (AgentJvm jvm = AgentJvm.start(jdk, appBuildsOn(start), bad[1], "port=0," + bad[0],
                        SecurityFirstLineSockets.class.getName())) {
                    Map<String, String> ready = jvm.awaitReady();
                    String context = jdk + " " + bad[0] + " " + bad[1] + ": ";
                    List<String> lines = jvm.stderr().stream().filter(line -> line.startsWith("portwatch:")).toList();
                    assertEquals(1, lines.size(), context + jvm.stderr());
                    assertTrue(lines.get(0).contains(bad[2]) && lines.get(0).endsWith(OFF), context + lines);
                    assertFalse(lines.get(0).contains(keystore.password()), context + lines);
                    assertEquals("false", ready.get("bridgeListening"), context + ready);
                }
            }
        }
    }

    /** On every other start the agent's thread is held back, so that an application's thread builds. */
    private static List<String> appBuildsOn(int start) {
        return start % 2 == 1 ? List.of("-Dportwatch-test.prepareDelayMillis=500") : List.of();
    }

    private static void assertRow(Table table, Map<String, String> ready, String kind, String transport, String role,
                                  String context) {
        long port = Long.parseLong(ready.get(kind));
        List<Row> rows = table.rows(row -> row.local() != null && row.local().port() == port
                && transport.equals(row.transport()) && role.equals(row.role()));
        assertEquals(1, rows.size(), context + "one " + kind + " row on port " + port + ": "
                + table.applicationRows());
        assertEquals("agent", rows.get(0).source(), context + rows.get(0));
    }
}
