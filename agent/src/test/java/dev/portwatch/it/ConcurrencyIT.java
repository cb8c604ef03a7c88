package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * 32 threads open and close sockets of every kind at random for 10 s while the test scrapes /metrics and
 * /connections.json without pause (the table held at 2000 rows, so closed rows are evicted as fast as new ones
 * come): nothing deadlocks or stalls (a watchdog in the JVM dumps every thread if it
 * does), every scrape answers, and once the churn stops the table agrees with the kernel, its closed rows expire
 * and the counters add up.
 */
@Timeout(300)
class ConcurrencyIT {

    private static final Pattern CHURN_ANSWER = Pattern.compile("ops=(\\d+) unexpectedErrors=(\\d+) samples=(.*)");

    @EachJdk
    void churnOfEverySocketKindNeitherHangsNorLosesCount(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0,closedRetention=2s,maxRows=2000", ChurnScenario.class.getName())) {
            jvm.awaitReady();
            KernelAgreement agreement = KernelAgreement.of(jvm);
            // The first scrape builds the metrics (Micrometer loads then, not while the JVM starts; 1-2 s on this
            // machine): done before the churn, during which every scrape must answer within RawHttp's timeout.
            assertEquals(200, RawHttp.get(jvm.endpointPort(), "/metrics").status(), jvm.jdk + ": first scrape");
            Scraper scraper = new Scraper(jvm.endpointPort());
            scraper.start();
            String answer = Diagnostics.commandOrDump(jvm, jdk, "churn 10 32", 120);
            scraper.stopAndJoin();

            Matcher churned = CHURN_ANSWER.matcher(answer);
            assertTrue(churned.find(), answer);
            long ops = Long.parseLong(churned.group(1));
            System.out.println(jvm.jdk + ": churn did " + ops + " socket operations in 10 s on 32 threads; "
                    + scraper.scrapes.get() + " scrapes");
            assertTrue(ops >= 2_000, jvm.jdk + ": too little churn to prove anything: " + answer);
            assertEquals("0", churned.group(2), jvm.jdk + ": the application's own socket calls failed: " + answer);
            assertEquals(List.of(), scraper.failures, jvm.jdk + ": scrapes that failed during the churn");
            assertTrue(scraper.scrapes.get() >= 3, jvm.jdk + ": scrapes during the churn: " + scraper.scrapes);

            String kept = jvm.command("keep");
            assertTrue(kept.endsWith("sockets=14"), kept);
            // the accept loops may still drain their backlog: the two views settle within moments
            List<String> open = agreement.await(Duration.ofSeconds(20), "after the churn");
            // 5 churn listeners (v4, v6, channel, asynchronous, UDP sink) and the 14 sockets kept open
            assertEquals(19, open.size(), jvm.jdk + ": sockets left open: " + open);

            // closedRetention=2s and housekeeping every second: every closed row of the churn is gone within moments
            List<Row> lingering = List.of();
            long closedRowsDeadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < closedRowsDeadline) {
                lingering = closedApplicationRows(jvm);
                if (lingering.isEmpty()) {
                    break;
                }
                Thread.sleep(250);
            }
            assertEquals(List.of(), lingering, jvm.jdk + ": closed rows past their retention");

            Exposition metrics = Exposition.parse(jvm.get("/metrics"));
            for (String transport : List.of("tcp", "udp")) {
                for (String direction : List.of("inbound", "outbound")) {
                    String[] labels = {"network_transport", transport, "direction", direction};
                    double opened = metrics.value("portwatch_connections_opened_total", labels);
                    double closed = metrics.value("portwatch_connections_closed_total", labels);
                    double active = metrics.value("portwatch_connections_active", labels);
                    assertEquals(active, opened - closed, jvm.jdk + ": " + transport + " " + direction
                            + ": opened " + opened + " - closed " + closed + " vs active " + active);
                }
            }
            assertEquals(4.0, metrics.value("portwatch_connections_active", "network_transport", "tcp",
                    "direction", "outbound"), "kept: Socket v4 and v6, SocketChannel, AsynchronousSocketChannel");
            assertEquals(4.0, metrics.value("portwatch_connections_active", "network_transport", "tcp",
                    "direction", "inbound"), "their accepted ends");
            assertEquals(1.0, metrics.value("portwatch_connections_active", "network_transport", "udp",
                    "direction", "outbound"), "the connected DatagramChannel");
            assertTrue(metrics.value("portwatch_connections_opened_total", "network_transport", "tcp",
                    "direction", "outbound") > 1000, jvm.jdk + ": the churn's connections were counted");
            assertEquals(0.0, metrics.value("portwatch_agent_errors_total"), jvm.jdk + ": errors inside the agent");
            jvm.command("exit");
        }
    }

    private static List<Row> closedApplicationRows(AgentJvm jvm) throws Exception {
        return jvm.table().applicationRows().stream().filter(row -> "CLOSED".equals(row.state())).limit(5)
                .toList();
    }

    /** Scrapes /metrics and /connections.json in turn, as fast as they answer, until stopped. */
    private static final class Scraper extends Thread {
        private final int port;
        private final AtomicInteger scrapes = new AtomicInteger();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private volatile boolean stop;

        Scraper(int port) {
            super("scraper");
            this.port = port;
            setDaemon(true);
        }

        @Override
        public void run() {
            List<String> paths = new ArrayList<>(List.of("/metrics", "/connections.json", "/connections"));
            // Until stopped, and at least once through every path: each must answer while the churn runs.
            for (int i = 0; (!stop || i < paths.size()) && failures.size() < 5; i++) {
                String path = paths.get(i % paths.size());
                try {
                    RawHttp.Response response = RawHttp.get(port, path, "Accept-Encoding: gzip");
                    if (response.status() != 200) {
                        failures.add(path + ": " + response);
                    } else if (path.endsWith(".json")) {
                        Table.parse(response.body()); // fails without a connections array
                    } else if (path.equals("/metrics") && !response.body().contains("portwatch_table_rows")) {
                        failures.add(path + ": no portwatch_table_rows");
                    }
                    scrapes.incrementAndGet();
                } catch (Exception e) {
                    failures.add(path + ": " + e);
                }
            }
        }

        void stopAndJoin() throws InterruptedException {
            stop = true;
            join(120_000);
        }
    }
}
