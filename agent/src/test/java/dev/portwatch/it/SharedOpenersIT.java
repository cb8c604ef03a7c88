package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of connections opened from one line of code share a handful of openers inside the agent's JVM, rather
 * than one each: counted in the JVM's own class histogram while every row is still in the table. The table's
 * openers are what {@code stacks} and leak reports read, so a per-row opener would be 80–112 bytes per row.
 */
class SharedOpenersIT {

    private static final int CONNECTIONS = 3000;
    /** The churn's call sites (connect, accept, the listener), with room for the scenario's own few sockets. */
    private static final long MAX_OPENERS = 16;

    @EachJdk
    @Timeout(180)
    void connectionsFromOneSiteShareTheirOpener(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0,maxRows=10000,closedRetention=120s",
                FloodScenario.class.getName())) {
            jvm.awaitReady();
            jvm.command("churn " + CONNECTIONS + " 1", 120);
            List<Row> churned = jvm.table().rows(row -> row.thread() != null && row.thread().startsWith("churn-"));
            assertTrue(churned.size() >= 2 * CONNECTIONS, jvm.jdk + ": rows of the churn in the table: "
                    + churned.size());
            Set<String> openedBy = churned.stream().map(Row::openedBy).collect(Collectors.toSet());
            assertTrue(openedBy.size() <= 3 && !openedBy.contains(null), jvm.jdk + ": the churn's openers " + openedBy);

            long openers = instances(jdk, jvm.pid(), "dev.portwatch.table.Opener");
            assertTrue(openers >= 1, jvm.jdk + ": the histogram shows the agent's openers");
            assertTrue(openers <= MAX_OPENERS, jvm.jdk + ": " + openers + " openers for " + churned.size() + " rows");
            jvm.command("exit");
        }
    }

    /** Live instances of exactly {@code className}, from {@code jcmd <pid> GC.class_histogram}. */
    private static long instances(Path jdk, long pid, String className) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(jdk.resolve("bin/jcmd").toString(), Long.toString(pid),
                "GC.class_histogram").redirectErrorStream(true).start();
        String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            fail("jcmd GC.class_histogram failed: " + histogram);
        }
        for (String line : histogram.split("\n")) {
            // "   7:   3000   96000  dev.portwatch.table.Opener" (the module, if any, after the name)
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(className)) {
                return Long.parseLong(columns[1]);
            }
        }
        return 0;
    }
}
