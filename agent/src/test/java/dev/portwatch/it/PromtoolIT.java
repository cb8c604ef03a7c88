package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real scrape checked by Prometheus' own tool, {@code promtool} (Debian's {@code prometheus} package): the text
 * format passes {@code promtool check metrics} (its linter) without a single remark, and the OpenMetrics format
 * passes promtool's OpenMetrics parser. A missing promtool fails the test.
 *
 * <p>{@code promtool check metrics} parses only the classic text format: fed OpenMetrics, it reports every counter
 * as lacking help text (an OpenMetrics family is named without {@code _total}) and rejects the {@code info} type.
 * So the OpenMetrics scrape goes through {@code promtool tsdb create-blocks-from openmetrics}, which reads it with
 * the same OpenMetrics parser the Prometheus server scrapes with; it only requires every sample to carry a
 * timestamp, so the scrape time is appended to each sample line and nothing else is changed.
 */
@Timeout(120)
class PromtoolIT {

    @EachJdk
    void theTextFormatPassesPromtoolCheckMetrics(Path jdk) throws Exception {
        try (MetricsRun run = MetricsRun.start(jdk)) {
            HttpResponse<byte[]> scrape = Http.get(run.endpoint() + "/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(Http.header(scrape, "Content-Type").startsWith("text/plain; version=0.0.4"));

            Promtool.Result check = Promtool.run(List.of("check", "metrics"), scrape.body());
            assertEquals(0, check.exitCode(), run.jvm.jdk + ": promtool check metrics said: " + check.output());
            assertEquals("", check.output().strip(), run.jvm.jdk + ": promtool check metrics has remarks");
        }
    }

    @EachJdk
    void openMetricsPassesPromtoolsOpenMetricsParser(Path jdk, @TempDir Path temp) throws Exception {
        try (MetricsRun run = MetricsRun.start(jdk)) {
            HttpResponse<byte[]> scrape = Http.get(run.endpoint() + "/metrics", "Accept",
                    "application/openmetrics-text; version=1.0.0");
            assertEquals(200, scrape.statusCode());
            assertTrue(Http.header(scrape, "Content-Type").startsWith("application/openmetrics-text"));
            String body = Http.text(scrape);

            long seconds = System.currentTimeMillis() / 1000;
            StringBuilder stamped = new StringBuilder();
            int samples = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("#")) {
                    stamped.append(line).append('\n');
                } else {
                    stamped.append(line).append(' ').append(seconds).append('\n');
                    samples++;
                }
            }
            Path input = temp.resolve("scrape.om");
            Files.writeString(input, stamped, StandardCharsets.UTF_8);
            Promtool.Result parse = Promtool.run(List.of("tsdb", "create-blocks-from", "openmetrics",
                    input.toString(), temp.resolve("blocks").toString()), new byte[0]);
            assertEquals(0, parse.exitCode(), run.jvm.jdk + ": promtool's OpenMetrics parser said: " + parse.output());
            assertTrue(parse.output().lines().noneMatch(line -> line.toLowerCase().contains("error")),
                    run.jvm.jdk + ": " + parse.output());
            // The one block it wrote holds every sample line of the scrape as a series of its own.
            List<String> rows = parse.output().lines().filter(line -> line.matches("^[0-9A-Z]{26}\\s.*")).toList();
            assertEquals(1, rows.size(), run.jvm.jdk + ": " + parse.output());
            String[] columns = rows.get(0).trim().split("\\s+");
            assertEquals(samples, Integer.parseInt(columns[6]), run.jvm.jdk + ": series in " + parse.output());

            // And the linter, on the classic format of the same moment, has nothing to say either.
            HttpResponse<byte[]> text = Http.get(run.endpoint() + "/metrics");
            Promtool.Result check = Promtool.run(List.of("check", "metrics"), text.body());
            assertEquals(0, check.exitCode(), run.jvm.jdk + ": " + check.output());
        }
    }
}
