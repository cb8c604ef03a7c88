package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own tool, {@code /usr/bin/promtool} (Debian's {@code prometheus} package; another with
 * {@code -Dportwatch.test.promtool}): {@code check metrics}, {@code check rules}, {@code test rules}, ... A missing
 * promtool fails the test.
 */
final class Promtool {

    /** What promtool said: its exit code, and stdout and stderr together. */
    record Result(int exitCode, String output) {}

    private Promtool() {}

    /** Runs {@code promtool <arguments>} with {@code stdin}, for 60 s at most. */
    static Result run(List<String> arguments, byte[] stdin) throws IOException, InterruptedException {
        Path binary = Path.of(System.getProperty("portwatch.test.promtool", "/usr/bin/promtool"));
        assertTrue(Files.isExecutable(binary), "promtool missing: " + binary + " (install Debian's prometheus "
                + "package, as .ci/run does, or set -Dportwatch.test.promtool)");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), output.join());
    }
}
