package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * {@code openers=thread}: every row of a churn is opened by its thread, in {@code /connections.json} and in the
 * text table, and is otherwise recorded as before (ends, state, bytes); by default the same churn names the
 * application's line.
 */
@Timeout(180)
class ThreadOpenersIT {

    private static final int CONNECTIONS = 50;

    static Stream<String> modes() {
        return Stream.of("thread", "stack");
    }

    @EachJdk(with = "modes")
    void theChurnIsOpenedByItsThreadOnlyWithOpenersThread(Path jdk, String mode) throws Exception {
        String options = "port=0,closedRetention=120s" + (mode.equals("stack") ? "" : ",openers=" + mode);
        try (AgentJvm jvm = AgentJvm.start(jdk, options, FloodScenario.class.getName())) {
            jvm.awaitReady();
            jvm.command("churn " + CONNECTIONS + " 1", 60);
            List<Row> churned = jvm.table().rows(row -> "churn-0".equals(row.thread()));
            assertTrue(churned.size() >= 2 * CONNECTIONS + 1, jvm.jdk + ": " + churned.size() + " rows");
            for (Row row : churned) {
                assertTrue(row.recorded() && row.application() && row.local() != null, jvm.jdk + ": " + row);
                if (mode.equals("thread")) {
                    assertEquals("thread", row.openedByKind(), jvm.jdk + ": " + row);
                    assertEquals("churn-0", row.openedBy(), jvm.jdk + ": " + row);
                } else {
                    assertEquals("application", row.openedByKind(), jvm.jdk + ": " + row);
                    assertTrue(row.openedBy().startsWith(FloodScenario.class.getName() + "."), jvm.jdk + ": " + row);
                }
            }
            assertTrue(churned.stream().anyMatch(row -> "outbound".equals(row.role()) && row.remote() != null
                    && "SocketChannel".equals(row.api())), jvm.jdk + ": " + churned);
            assertTrue(churned.stream().anyMatch(row -> "listener".equals(row.role())
                    && "ServerSocketChannel".equals(row.api())), jvm.jdk + ": " + churned);

            Cli text = Cli.run(jdk, "connections", Long.toString(jvm.pid()));
            assertEquals(0, text.exitCode(), text.stderr());
            List<String> lines = text.stdout().lines().filter(line -> line.contains(" churn-0 ")).toList();
            assertTrue(lines.size() >= 2 * CONNECTIONS + 1, jvm.jdk + ": " + text.stdout());
            for (String line : lines) {
                assertEquals(mode.equals("thread"), line.endsWith(" thread churn-0"), jvm.jdk + ": " + line);
                assertEquals(mode.equals("stack"), line.contains(FloodScenario.class.getName() + "."),
                        jvm.jdk + ": " + line);
            }
            jvm.command("exit");
        }
    }
}
