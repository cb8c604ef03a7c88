package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Text from the application never drives the operator's terminal: a thread name and an exception message holding
 * ESC, U+009B (a one-character CSI) and U+202E (right-to-left override) come out of the text table, the agent's
 * log lines, the CLI ({@code connections}, {@code connections --json}) and the page (as served, and as its script
 * re-renders it from the JSON in Chromium) with none of those characters raw, as {@code \\uXXXX}; the JSON still
 * carries them intact for a program that parses it.
 */
@Timeout(180)
class TerminalEscapesIT {

    private static final String ESCAPED = "evil\\u001b[2J\\u009b31m\\u202eexe.txt";

    @EachJdk
    void hostileTextReachesNoTerminalRaw(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            jvm.command("terminal");

            String text = jvm.get("/connections");
            assertInert(jvm.jdk + ": /connections", text);
            assertTrue(text.contains("UnknownHostException: " + ESCAPED), jvm.jdk + ": the message, escaped: " + text);

            List<ErrorRow> errors = jvm.table().errors();
            assertTrue(errors.stream().anyMatch(error -> SocketScenario.TERMINAL_HOSTILE.equals(error.message())
                    && SocketScenario.TERMINAL_HOSTILE.equals(error.thread())), jvm.jdk + ": intact in JSON: "
                    + errors);
            assertInert(jvm.jdk + ": /connections.json", jvm.get("/connections.json"));

            String page = jvm.get("/");
            assertInert(jvm.jdk + ": the page as served", page);
            assertTrue(page.contains(ESCAPED), jvm.jdk + ": the message, escaped, on the page: " + page);
            String dom = Chromium.dumpDom(jvm.endpoint() + "/"); // after the script re-rendered the rows from JSON
            assertInert(jvm.jdk + ": the page in Chromium", dom);
            assertTrue(dom.contains(ESCAPED), jvm.jdk + ": the message, escaped, in the live page: " + dom);

            String leakLine = awaitStderr(jvm, "opened at thread");
            assertTrue(leakLine.contains("thread " + ESCAPED), jvm.jdk + ": " + leakLine);
            for (String line : jvm.stderr()) {
                assertInert(jvm.jdk + ": stderr", line);
            }

            Cli table = Cli.run(jdk, "connections", Long.toString(jvm.pid()));
            assertEquals(0, table.exitCode(), table.stderr());
            assertInert(jvm.jdk + ": CLI connections", table.stdout());
            assertTrue(table.stdout().contains(ESCAPED), table.stdout());
            Cli asJson = Cli.run(jdk, "connections", Long.toString(jvm.pid()), "--json");
            assertEquals(0, asJson.exitCode(), asJson.stderr());
            assertInert(jvm.jdk + ": CLI connections --json", asJson.stdout());
            List<ErrorRow> printed = Table.parse(asJson.stdout()).errors();
            assertTrue(printed.stream().anyMatch(error -> SocketScenario.TERMINAL_HOSTILE.equals(error.thread())),
                    "valid JSON that decodes to the name: " + printed);
        }
    }

    @EachJdk
    void aHostileOptionNameIsEscapedInTheAgentsLine(Path jdk) throws Exception {
        String name = "portwatch.x" + SocketScenario.TERMINAL_HOSTILE;
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of("-D" + name + "=1"), null, "port=0",
                SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            String line = awaitStderr(jvm, "unknown option");
            assertTrue(line.contains("'portwatch.x" + ESCAPED + "'"), line);
            jvm.stderr().forEach(stderrLine -> assertInert(jvm.jdk + ": stderr", stderrLine));
        }
    }

    private static String awaitStderr(AgentJvm jvm, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (String line : jvm.stderr()) {
                if (line.contains(part)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(jvm.jdk + ": no stderr line with '" + part + "': " + jvm.stderr());
    }

    /** No C0 or C1 control but line feeds, no DEL, no bidi control. */
    static void assertInert(String what, String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            boolean control = c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f;
            boolean bidi = c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f
                    || c == 0x061c;
            assertFalse(control || bidi, () -> what + ": raw U+" + String.format("%04X", (int) c) + " in "
                    + output.substring(0, Math.min(output.length(), 2000)).replaceAll("[^\\x20-\\x7e\\n]", "?"));
        }
    }
}
